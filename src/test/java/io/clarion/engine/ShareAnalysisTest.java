package io.clarion.engine;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.catalog.CatalogLoader;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The share analysis (one named part of a metric over the whole metric) gives what hand-written
 * SQL gives, on the demo warehouse and on Chinook, and under row-level access it is the part of
 * what the caller may see over what the caller may see.
 */
class ShareAnalysisTest {
    static DataSource chinook;
    static QueryService chinookQueries;

    @BeforeAll
    static void load() {
        chinook = Datasets.chinook(Datasets.CHINOOK);
        CatalogLoader.LoadResult r = CatalogLoader.load(ChinookCatalogTest.catalogDir());
        if (!r.ok()) throw new AssertionError(r.report());
        chinookQueries = ChinookCatalogTest.service(r.catalog(), chinook);
    }

    private static void same(QueryService service, DataSource ds, String query, String sql, QueryService.Options opt) throws Exception {
        QueryService.Outcome out = service.run(QueryParser.parse(query), opt);
        List<List<Object>> gold = Datasets.rows(ds, sql);
        assertTrue(!gold.isEmpty(), "the hand-written SQL returns rows");
        Optional<String> diff = ResultComparison.mismatch(gold, out.result().rows(), false);
        if (diff.isPresent()) fail(diff.get() + "\nSQL:\n" + out.compiled().sql().sql() + "\nanswer: " + out.result().rows() + "\ngold: " + gold);
        // The share is a column of its own, beside the whole it is a share of.
        assertTrue(out.result().columns().stream().anyMatch(c -> c.name().endsWith("_share") && "percentage".equals(c.format())),
                out.result().columns().toString());
    }

    @Test
    void oneRegionsShareOfPaidRevenueOnTheDemo() throws Exception {
        same(DemoEngine.queries(), TestDatabase.demo(),
                "{\"metrics\": [\"invoices.revenue\"], \"analysis\": [{\"type\": \"share\", \"metric\": \"invoices.revenue\","
                        + " \"filters\": [{\"dimension\": \"customers.region\", \"operator\": \"equals\", \"value\": \"APAC\"}]}]}",
                "SELECT sum(i.amount) FILTER (WHERE c.region = 'APAC') / sum(i.amount), sum(i.amount)"
                        + " FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid'",
                QueryService.Options.DEFAULT);
    }

    @Test
    void aSegmentsShareOfCustomersSignedInAYearOnTheDemo() throws Exception {
        same(DemoEngine.queries(), TestDatabase.demo(),
                "{\"metrics\": [\"customers.new_customer_count\"], \"filters\": [{\"dimension\": \"metric_time\","
                        + " \"operator\": \"in_date_range\", \"value\": \"2024\"}], \"analysis\": [{\"type\": \"share\","
                        + " \"metric\": \"customers.new_customer_count\", \"segments\": [\"customers.active\"]}]}",
                "SELECT count(*) FILTER (WHERE churned_at IS NULL)::numeric / count(*) FROM customers"
                        + " WHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'",
                QueryService.Options.DEFAULT);
    }

    @Test
    void aShareOfTwoConditionsPerSegmentOnTheDemo() throws Exception {
        same(DemoEngine.queries(), TestDatabase.demo(),
                "{\"metrics\": [\"invoices.invoice_count\"], \"dimensions\": [\"customers.segment\"], \"analysis\": [{\"type\": \"share\","
                        + " \"filters\": [{\"dimension\": \"customers.region\", \"operator\": \"in\", \"values\": [\"EMEA\", \"LATAM\"]}],"
                        + " \"segments\": [\"invoices.failed\"]}]}",
                "SELECT c.segment, count(*) FILTER (WHERE c.region IN ('EMEA', 'LATAM') AND i.status = 'failed')::numeric / count(*)"
                        + " FROM invoices i LEFT JOIN customers c USING (customer_id) GROUP BY 1",
                QueryService.Options.DEFAULT);
    }

    @Test
    void anOwnerSeesTheShareWithinTheirOwnCustomers() throws Exception {
        QueryService q = DemoEngine.queries();
        Access owner = q.access(new Principal("share-owner", List.of("owner"), Map.of("owner_id", "own_002")));
        same(q, TestDatabase.demo(),
                "{\"metrics\": [\"invoices.revenue\"], \"analysis\": [{\"type\": \"share\", \"metric\": \"invoices.revenue\","
                        + " \"filters\": [{\"dimension\": \"customers.segment\", \"operator\": \"equals\", \"value\": \"enterprise\"}]}]}",
                "SELECT sum(i.amount) FILTER (WHERE c.segment = 'enterprise') / sum(i.amount)"
                        + " FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND c.owner_id = 'own_002'",
                new QueryService.Options(false, 0, owner));
    }

    @Test
    void oneCountrysShareOfAYearsRevenueOnChinook() throws Exception {
        same(chinookQueries, chinook,
                "{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2024\"}],"
                        + " \"analysis\": [{\"type\": \"share\", \"metric\": \"revenue\","
                        + " \"filters\": [{\"dimension\": \"invoice.billing_country\", \"operator\": \"equals\", \"value\": \"Canada\"}]}]}",
                "SELECT sum(total) FILTER (WHERE billing_country = 'Canada') / sum(total) FROM invoice"
                        + " WHERE invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01'",
                QueryService.Options.DEFAULT);
    }

    @Test
    void oneGenresShareOfUnitsSoldAndOfTracksOnChinook() throws Exception {
        same(chinookQueries, chinook,
                "{\"metrics\": [\"invoice_line.quantity_sum\"], \"analysis\": [{\"type\": \"share\", \"metric\": \"invoice_line.quantity_sum\","
                        + " \"filters\": [{\"dimension\": \"genre.name\", \"operator\": \"equals\", \"value\": \"Jazz\"}]}]}",
                "SELECT sum(l.quantity) FILTER (WHERE g.name = 'Jazz')::numeric / sum(l.quantity)"
                        + " FROM invoice_line l JOIN track t USING (track_id) JOIN genre g USING (genre_id)",
                QueryService.Options.DEFAULT);
        same(chinookQueries, chinook,
                "{\"metrics\": [\"track.count\"], \"analysis\": [{\"type\": \"share\", \"metric\": \"track.count\","
                        + " \"filters\": [{\"dimension\": \"genre.name\", \"operator\": \"equals\", \"value\": \"Blues\"}]}]}",
                "SELECT count(*) FILTER (WHERE g.name = 'Blues')::numeric / count(*) FROM track t JOIN genre g USING (genre_id)",
                QueryService.Options.DEFAULT);
    }

    @Test
    void aValueThatMatchesNoRowIsAShareOfZeroNotAnError() {
        QueryService.Outcome out = chinookQueries.run(QueryParser.parse("{\"metrics\": [\"track.count\"], \"analysis\": [{\"type\": \"share\","
                + " \"filters\": [{\"dimension\": \"genre.name\", \"operator\": \"equals\", \"value\": \"No Such Genre\"}]}]}"), QueryService.Options.DEFAULT);
        Object share = out.result().rows().get(0).get(1);
        assertEquals(0, new BigDecimal(share.toString()).signum(), out.result().rows().toString());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsPath() {
        QueryException e = assertThrows(QueryException.class, () -> chinookQueries.run(QueryParser.parse(
                "{\"metrics\": [\"track.count\"], \"analysis\": [{\"type\": \"share\","
                        + " \"filters\": [{\"dimension\": \"track.milliseconds\", \"operator\": \"gt\", \"value\": \"long\"}]}]}"),
                QueryService.Options.DEFAULT));
        assertEquals("analysis[0].filters[0].value", e.errors().get(0).path(), e.errors().toString());
    }
}
