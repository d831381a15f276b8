package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A measure the catalog does not hold ("a satisfaction score", "profit margin") is refused with
 * its words named, not answered with a count of whatever table a word beside it names; a
 * measure it does hold under those words is answered. "How much did X earn" is the catalog's
 * declared revenue. Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class MeasureScopeTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_measure_scope");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | What is the average staff salary per employee?   | salary",
            "chinook | how good is the customer satisfaction rating     | satisfaction",
            "demo    | what is the profit margin per owner              | profit margin",
            "demo    | what is the gross profit per region              | profit",
    })
    void aMeasureTheCatalogLacksIsRefusedByName(String catalog, String question, String words) {
        OfflinePlanner p = catalog.equals("demo") ? t.demoPlanner() : t.chinookPlanner();
        PlannerOutcome o = p.plan(question, Conversation.empty("scope"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, question + " -> " + o);
        for (String w : words.split(" ")) assertTrue(r.reason().contains(w), r.reason());
    }

    @Test
    void aMeasureTheCatalogHoldsUnderThoseWordsIsAnswered() {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "what is the health score of enterprise accounts").query();
        assertTrue(q.metrics().get(0).contains("health"), q.toString());
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "average unit price of tracks per genre").query();
        assertTrue(c.metrics().get(0).contains("unit_price"), c.toString());
    }

    /** A measure word the answered metric already says (a ratio metric's "ratio") is no missing measure. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | what was the net revenue retention ratio over the past year | net_revenue_retention",
            "demo    | tell me the ticket escalation rate per priority            | escalation_rate",
            "chinook | lines per invoice ratio for sales in 2024                    | lines_per_invoice",
    })
    void aMeasureWordTheAnsweredMetricSaysIsNoMissingMeasure(String catalog, String question, String metric) {
        OfflinePlanner p = catalog.equals("demo") ? t.demoPlanner() : t.chinookPlanner();
        MetricQuery q = TwoCatalogReaders.planned(p, question).query();
        assertTrue(q.metrics().contains(metric), q.toString());
    }

    @Test
    void earnedIsTheDeclaredRevenue() throws Exception {
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "How much did the Jazz genre earn in 2023?").query();
        // What the genre's own lines earned, not the whole of every invoice holding one of them.
        List<List<Object>> cg = Datasets.rows(t.chinook(), "SELECT sum(il.unit_price * il.quantity) FROM invoice_line il JOIN invoice i USING (invoice_id)"
                + " JOIN track tr USING (track_id) JOIN genre g USING (genre_id) WHERE i.invoice_date >= DATE '2023-01-01'"
                + " AND i.invoice_date < DATE '2024-01-01' AND g.name = 'Jazz'");
        List<List<Object>> answer = t.chinookQueries().run(c, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(cg, answer, false).isEmpty(), c + ": " + answer + " vs " + cg);
        MetricQuery d = TwoCatalogReaders.planned(t.demoPlanner(), "how much did APAC accounts earn us in 2025").query();
        List<List<Object>> dg = Datasets.rows(TestDatabase.demo(), "SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id)"
                + " WHERE i.status = 'paid' AND c.region = 'APAC' AND i.issued_at >= DATE '2025-01-01' AND i.issued_at < DATE '2026-01-01'");
        List<List<Object>> da = t.demoQueries().run(d, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(dg, da, false).isEmpty(), d + ": " + da + " vs " + dg);
    }
}
