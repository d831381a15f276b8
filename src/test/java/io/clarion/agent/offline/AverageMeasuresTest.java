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

import javax.sql.DataSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An average, a typical value or an extreme of a column is answered with the catalog's measure of
 * that declared type (avg, max, min) over the column the words name, with the question's filters
 * and groupings kept; never with a count of the rows. When the catalog declares no such measure
 * the answer says what is missing. Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class AverageMeasuresTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_average_measures");
    }

    private static void sameRows(QueryService qs, DataSource db, MetricQuery q, String sql) throws Exception {
        List<List<Object>> gold = Datasets.rows(db, sql);
        List<List<Object>> answer = TwoCatalogReaders.rows(qs, q);
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), q + ": " + answer + " vs " + gold);
    }

    @Test
    void aDurationNamedByItsUnitColumnIsItsAverageWithTheGenreKept() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "mean duration of one track in the Blues genre").query();
        assertEquals(List.of("track.milliseconds_avg"), q.metrics(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q,
                "SELECT avg(tr.milliseconds) FROM track tr JOIN genre g USING (genre_id) WHERE g.name = 'Blues'");
    }

    @Test
    void oneWordOfAColumnNameOnTheTableNamedIsThatColumnsAverageByTheGroup() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "average price of a single track broken down by media type").query();
        assertEquals(List.of("track.unit_price_avg"), q.metrics(), q.toString());
        assertEquals(List.of("media_type.name"), q.dimensions(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q,
                "SELECT m.name, avg(tr.unit_price) FROM track tr JOIN media_type m USING (media_type_id) GROUP BY m.name");
    }

    @Test
    void theTypicalAmountOfAnOrderIsTheAverageOfWhatItsCurrencyTotalAddsUp() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "what was the typical amount of an order during 2022").query();
        assertEquals(List.of("invoice.total_avg"), q.metrics(), q.toString());
        assertEquals("2022", TwoCatalogReaders.range(q));
        sameRows(t.chinookQueries(), t.chinook(), q,
                "SELECT avg(total) FROM invoice WHERE invoice_date >= DATE '2022-01-01' AND invoice_date < DATE '2023-01-01'");
        MetricQuery v = TwoCatalogReaders.planned(t.chinookPlanner(), "mean order value by billing city").query();
        assertEquals(List.of("invoice.total_avg"), v.metrics(), v.toString());
        assertEquals(List.of("invoice.billing_city"), v.dimensions(), v.toString());
    }

    @Test
    void howManyUnitsOneRowHoldsOnAverageIsTheColumnsAverageOverThoseRows() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "on average, how many units does a single invoice line carry").query();
        assertEquals(List.of("invoice_line.quantity_avg"), q.metrics(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q, "SELECT avg(quantity) FROM invoice_line");
    }

    /** Units per invoice is no average over invoice lines; tracks per invoice is no count of tracks. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "on average, how many units does one invoice hold | invoice",
            "on average how many tracks are on one invoice    | invoice",
    })
    void anAverageOverOtherRowsOrTwoCountsWithoutARatioIsSaidMissing(String question, String per) {
        PlannerOutcome o = t.chinookPlanner().plan(question, Conversation.empty("average-test"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, question + " -> " + o);
        assertTrue(r.reason().contains("average") && r.reason().contains("per " + per), r.reason());
    }

    @Test
    void anExtremeOfAColumnWithNothingRankedIsItsMaxOrMin() throws Exception {
        MetricQuery hi = TwoCatalogReaders.planned(t.chinookPlanner(), "what's the largest unit price of a track").query();
        assertEquals(List.of("track.unit_price_max"), hi.metrics(), hi.toString());
        assertTrue(hi.orderBy().isEmpty() && hi.limit() == null && hi.dimensions().isEmpty(), hi.toString());
        sameRows(t.chinookQueries(), t.chinook(), hi, "SELECT max(unit_price) FROM track");
        MetricQuery lo = TwoCatalogReaders.planned(t.chinookPlanner(), "what is the smallest invoice total").query();
        assertEquals(List.of("invoice.total_min"), lo.metrics(), lo.toString());
    }

    @Test
    void hoursOnAverageForAPriorityAreTheAverageResolutionTimeNotATicketCount() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "how many hours, on average, does an urgent ticket take to be resolved").query();
        assertEquals(List.of("support_tickets.avg_resolution_hours"), q.metrics(), q.toString());
        sameRows(t.demoQueries(), TestDatabase.demo(), q, "SELECT avg(extract(epoch FROM resolved_at - created_at) / 3600)"
                + " FROM support_tickets WHERE resolved_at IS NOT NULL AND priority = 'urgent'");
    }

    @Test
    void thePopulationSaidInOtherWordsKeepsItsFilterOnTheAverage() {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "what was the average tenure of customers who have left us").query();
        assertEquals(List.of("customers.avg_tenure_days"), q.metrics(), q.toString());
        assertEquals(List.of("customers.churned"), q.segments(), q.toString());
    }

    @Test
    void aMeanOfAScoreIsAnAverageMeasureNotTheScoreComputedFromShares() {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "the mean NPS score per plan").query();
        assertEquals(1, q.metrics().size(), q.toString());
        String m = q.metrics().get(0);
        assertTrue(t.demoQueries().catalog().measure(m).map(x -> x.type() == io.clarion.catalog.model.MeasureType.AVG).orElse(false), q.toString());
        assertEquals(List.of("customers.plan"), q.dimensions(), q.toString());
    }

    @Test
    void anExtremeTheCatalogDoesNotDeclareIsRefusedNamingWhatItHas() {
        PlannerOutcome o = t.demoPlanner().plan("what's the largest seat count on a single customer", Conversation.empty("average-test"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, o.toString());
        assertTrue(r.reason().contains("maximum") && r.reason().contains("customers.avg_seats"), r.reason());
        assertFalse(r.reason().contains("count of"), r.reason());
    }
    @Test
    void aTotalPerRowOfItsOwnTableIsTheCatalogsRatioOfTheTwo() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "mean sales per invoice by billing country").query();
        assertEquals(List.of("average_invoice_value"), q.metrics(), q.toString());
        assertEquals(List.of("invoice.billing_country"), q.dimensions(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q, "SELECT billing_country, sum(total) / count(*) FROM invoice GROUP BY billing_country");
    }

    @Test
    void howLongTheAverageRowIsNamedBeforeTheAverageWordIsStillItsAverage() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "how long is the average Jazz track").query();
        assertEquals(List.of("track.milliseconds_avg"), q.metrics(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q,
                "SELECT avg(tr.milliseconds) FROM track tr JOIN genre g USING (genre_id) WHERE g.name = 'Jazz'");
    }

    /** The demo declares no revenue per customer: each customer's revenue is shown and the average said not taken. */
    @Test
    void aTotalPerRowOfAnotherTableWithoutARatioIsItsMeanOverTheRowsAndSaid() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "typical revenue per client in 2025");
        assertEquals(List.of("revenue"), p.query().metrics(), p.query().toString());
        assertEquals("group_average", p.query().analysis().get(0).type(), p.query().toString());
        assertTrue(p.query().dimensions().contains("customers.customer_id"), "each client once, by its key: " + p.query());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.startsWith("Averaged revenue over each customers")), p.assumptions().toString());
    }
    @Test
    void aStorageSizeNamedByItsUnitColumnIsItsAverageByTheGroup() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "what is the average file size of a track by media type").query();
        assertEquals(List.of("track.bytes_avg"), q.metrics(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q,
                "SELECT m.name, avg(tr.bytes) FROM track tr JOIN media_type m USING (media_type_id) GROUP BY m.name");
    }

    /** "per track" of an average over tracks is every track, not one row per track. */
    @Test
    void anAverageAskedPerRowOfItsOwnTableIsNotGroupedByEachRow() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "mean bytes per track").query();
        assertEquals(List.of("track.bytes_avg"), q.metrics(), q.toString());
        assertTrue(q.dimensions().isEmpty(), q.toString());
        sameRows(t.chinookQueries(), t.chinook(), q, "SELECT avg(bytes) FROM track");
    }

    /** A money verb after the column ("paid") does not take the average word from the column before it. */
    @Test
    void aMetricWordAfterTheColumnLeavesTheColumnsAverage() {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "typical unit price paid on an invoice line").query();
        assertEquals(List.of("invoice_line.unit_price_avg"), q.metrics(), q.toString());
    }

    /** Customers named as whose tickets are averaged qualify the rows; they are not what the average is per. */
    @Test
    void aTableNamedAsThePopulationOfAnAverageIsItsFilterNotAMissingRatio() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "hours to resolve, averaged, for enterprise accounts").query();
        assertEquals(List.of("support_tickets.avg_resolution_hours"), q.metrics(), q.toString());
        sameRows(t.demoQueries(), TestDatabase.demo(), q, "SELECT avg(extract(epoch FROM t.resolved_at - t.created_at) / 3600)"
                + " FROM support_tickets t JOIN customers c USING (customer_id) WHERE t.resolved_at IS NOT NULL AND c.segment = 'enterprise'");
    }
    /** Of two averages sharing the words said, the one the catalog declares for the stage asked. */
    @Test
    void theAverageDeclaredForTheValueAskedIsPreferredOverOneSharingItsWords() {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "on average how many days until an account reaches first value, by plan").query();
        assertEquals(List.of("customer_journey.avg_time_to_value"), q.metrics(), q.toString());
        assertEquals(List.of("customers.plan"), q.dimensions(), q.toString());
    }
}
