package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leaving said as a prediction ("likely to", "might", "at risk of") is not the customers who
 * left: on the demo it reads as the catalog's risk segment; on a catalog without one (Chinook) it
 * filters nothing and says so. A leaving said as a fact still reads as the churned customers.
 */
class PredictedLeavingTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_predicted_leaving");
    }

    @Test
    void aPredictionReadsAsTheCatalogsRisk() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "list the active enterprise accounts expected to cancel");
        assertTrue(p.query().segments().contains("customer_health.at_risk"), p.query().toString());
        assertFalse(p.query().segments().contains("customers.churned"), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("customer_health.at_risk") && a.contains("prediction")), p.assumptions().toString());
    }

    @Test
    void atRiskOfLeavingIsTheRiskNamedNotAContradictionWithActive() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "show my active customers at risk of leaving");
        assertTrue(p.query().segments().contains("customers.active") || p.query().toString().contains("value=\"active\""), p.query().toString());
        assertFalse(p.query().segments().contains("customers.churned"), p.query().toString());
        assertTrue(p.query().toString().contains("at risk") || p.query().segments().contains("customer_health.at_risk"), p.query().toString());
    }

    @Test
    void withoutARiskInTheCatalogThePredictionIsSaidUnused() {
        var p = TwoCatalogReaders.planned(t.chinookPlanner(), "which customers might quit");
        assertTrue(p.query().filters().isEmpty() && p.query().segments().isEmpty(), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("prediction the catalog does not hold")), p.assumptions().toString());
    }

    @Test
    void aLeavingSaidAsAFactIsStillTheCustomersWhoLeft() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "how many accounts cancelled in March 2026");
        assertTrue(p.query().metrics().contains("customers.churned_count") || p.query().segments().contains("customers.churned"), p.query().toString());
    }
}
