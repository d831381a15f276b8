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

import javax.sql.DataSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A number column asked as an amount is its total ("units" for a quantity column, "seats
 * purchased"); a period on rows with no date of their own is the date of the row they belong to,
 * or is left out and said; an average count of one table's rows per row of another is the
 * catalog's ratio even when the two table words read as one name. On the Chinook catalog (today
 * 31 December 2025) and the demo catalog, each answer compared with SQL over the same rows.
 */
class ColumnTotalsAndUndatedPeriodsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_column_totals");
    }

    static void sameRows(QueryService qs, DataSource ds, MetricQuery q, String goldSql, boolean ordered) throws Exception {
        List<List<Object>> answer = qs.run(q, QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(ds, goldSql);
        assertTrue(ResultComparison.mismatch(gold, answer, ordered).isEmpty(), q + ": " + answer + " vs " + gold);
    }

    @Test
    void unitsRankedByAGroupAreTheQuantityTotal() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "Which media type moves the most units?");
        assertEquals(List.of("invoice_line.quantity_sum"), p.query().metrics(), p.query().toString());
        sameRows(t.chinookQueries(), t.chinook(), p.query(), "SELECT m.name, sum(l.quantity) FROM invoice_line l JOIN track t USING (track_id)"
                + " JOIN media_type m USING (media_type_id) GROUP BY 1 ORDER BY 2 DESC LIMIT 1", true);
    }

    @Test
    void topNByUnitsRanksByTheTotalNotByTheColumn() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "top 4 genres by units");
        assertEquals(List.of("invoice_line.quantity_sum"), p.query().metrics(), p.query().toString());
        assertTrue(p.query().dimensions().stream().noneMatch(d -> d.equals("invoice_line.quantity")), p.query().toString());
        sameRows(t.chinookQueries(), t.chinook(), p.query(), "SELECT g.name, sum(l.quantity) FROM invoice_line l JOIN track t USING (track_id)"
                + " JOIN genre g USING (genre_id) GROUP BY 1 ORDER BY 2 DESC LIMIT 4", true);
    }

    @Test
    void aShareOfUnitsIsTakenOfTheQuantityNotOfTheTracks() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "What share of units went to Blues tracks?");
        assertEquals(List.of("invoice_line.quantity_sum"), p.query().metrics(), p.query().toString());
        List<List<Object>> answer = t.chinookQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT sum(l.quantity) FILTER (WHERE g.name = 'Blues')::numeric / sum(l.quantity)"
                + " FROM invoice_line l JOIN track t USING (track_id) JOIN genre g USING (genre_id)");
        double share = ((Number) answer.get(0).get(answer.get(0).size() - 1)).doubleValue();
        assertEquals(((Number) gold.get(0).get(0)).doubleValue(), share, 1e-6, answer.toString());
    }

    @Test
    void aPeriodOnUndatedRowsUsesTheDateOfTheirParent() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "How many units were purchased in 2022?");
        assertTrue(p.query().filters().stream().anyMatch(f -> "invoice.invoice_date".equals(f.dimension())
                && "in_date_range".equals(f.operator())), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("dated by invoice.invoice_date")), p.assumptions().toString());
        sameRows(t.chinookQueries(), t.chinook(), p.query(), "SELECT sum(l.quantity) FROM invoice_line l JOIN invoice i USING (invoice_id)"
                + " WHERE i.invoice_date >= DATE '2022-01-01' AND i.invoice_date < DATE '2023-01-01'", false);
    }

    @Test
    void aGrainOnUndatedRowsGroupsByTheParentsDate() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "invoice lines per quarter in 2024");
        assertEquals(List.of("invoice.invoice_date.quarter"), p.query().dimensions(), p.query().toString());
        sameRows(t.chinookQueries(), t.chinook(), p.query(), "SELECT date_trunc('quarter', i.invoice_date)::date, count(*) FROM invoice_line l"
                + " JOIN invoice i USING (invoice_id) WHERE i.invoice_date >= DATE '2024-01-01' AND i.invoice_date < DATE '2025-01-01'"
                + " GROUP BY 1 ORDER BY 1", true);
    }

    @Test
    void anAverageCountPerRowReadAcrossOneTableNameIsTheRatio() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "On average, how many lines is one invoice made of?");
        assertEquals(List.of("lines_per_invoice"), p.query().metrics(), p.query().toString());
        assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("\"average\"")), p.assumptions().toString());
        sameRows(t.chinookQueries(), t.chinook(), p.query(),
                "SELECT (SELECT count(*) FROM invoice_line)::numeric / (SELECT count(*) FROM invoice)", false);
    }

    @Test
    void anAverageCountPerRowWithoutACertifiedRatioIsTheMeanOverTheRowsAndSaysSo() {
        for (var asked : List.of(List.of(t.chinookPlanner(), "mean number of purchases per customer", "invoice.count"),
                List.of(t.demoPlanner(), "what is the typical average of support tickets per customer", "support_tickets.ticket_count"))) {
            PlannerOutcome.Planned p = TwoCatalogReaders.planned((OfflinePlanner) asked.get(0), (String) asked.get(1));
            assertEquals(List.of((String) asked.get(2)), p.query().metrics(), p.query().toString());
            assertEquals("group_average", p.query().analysis().get(0).type(), p.query().toString());
            assertTrue(p.assumptions().stream().anyMatch(a -> a.startsWith("Averaged " + asked.get(2) + " over each")
                    && a.contains("no certified average")), p.assumptions().toString());
            assertTrue(p.assumptions().stream().noneMatch(a -> a.startsWith("Not used") && (a.contains("\"mean\"") || a.contains("\"average\""))),
                    p.assumptions().toString());
        }
    }

    @Test
    void aPeriodOnACurrentStateNumberIsLeftOutAndSaid() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "How many active customers did we have last quarter?");
        assertEquals(List.of("customers.active_count"), p.query().metrics(), p.query().toString());
        assertTrue(p.query().filters().stream().noneMatch(f -> "in_date_range".equals(f.operator())), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("\"last quarter\" was not applied")), p.assumptions().toString());
    }

    @Test
    void aNumberColumnGroupedOnTheDemoCatalogIsItsTotal() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "seats purchased by plan");
        assertEquals(List.of("customers.total_seats"), p.query().metrics(), p.query().toString());
        assertEquals(List.of("customers.plan"), p.query().dimensions(), p.query().toString());
        sameRows(t.demoQueries(), TestDatabase.demo(), p.query(), "SELECT plan, sum(seats_purchased) FROM customers GROUP BY 1", false);
    }

    @Test
    void aColumnNamedWithoutAnAmountAskedIsNotMadeATotal() {
        PlannerOutcome o = t.chinookPlanner().plan("Set the unit price of the Jazz tracks to 0.99", Conversation.empty("column-totals"));
        if (o instanceof PlannerOutcome.Planned p) {
            assertTrue(p.query().metrics().stream().noneMatch(m -> m.startsWith("invoice_line.unit_price")), p.query().toString());
        }
    }
}
