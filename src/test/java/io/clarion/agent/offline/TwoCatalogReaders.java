package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The offline reader over two catalogs it must both serve: Chinook (today 31 December 2025, its
 * own database) and the demo (today 15 June 2026), for reading tests that check each answer with SQL.
 */
record TwoCatalogReaders(DataSource chinook, QueryService chinookQueries, OfflinePlanner chinookPlanner, QueryService demoQueries,
                         OfflinePlanner demoPlanner) {

    /** @param database the Chinook database's name, one per test class so classes do not share state */
    static TwoCatalogReaders load(String database) {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        DataSource chinook = Datasets.chinook(database);
        QueryService chinookQueries = new QueryService(r.catalog(), chinook, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31), 10_000,
                Duration.ofSeconds(60), () -> database + "-mask-key");
        QueryService demoQueries = DemoEngine.queries();
        return new TwoCatalogReaders(chinook, chinookQueries, OfflinePlanner.create(chinookQueries, DimensionValues.load(chinookQueries), List.of()),
                demoQueries, OfflinePlanner.create(demoQueries, DimensionValues.load(demoQueries), List.of()));
    }

    /** The rows a query returns through the engine, with the default options. */
    static List<List<Object>> rows(QueryService qs, MetricQuery q) {
        return qs.run(q, QueryService.Options.DEFAULT).result().rows();
    }

    /** The one date range a query filters on; fails when there is none or more than one. */
    static String range(MetricQuery q) {
        List<MetricQuery.Filter> dates = q.filters().stream().filter(f -> "in_date_range".equals(f.operator())).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, dates.size(), q.toString());
        return dates.get(0).value().asText();
    }

    /** The periods of the query's in_periods filter: each its own row. */
    static List<String> periods(MetricQuery q) {
        List<MetricQuery.Filter> f = q.filters().stream().filter(x -> "in_periods".equals(x.operator())).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, f.size(), q.toString());
        return f.get(0).values().stream().map(com.fasterxml.jackson.databind.JsonNode::asText).toList();
    }

    static PlannerOutcome.Planned planned(OfflinePlanner p, String question) {
        PlannerOutcome o = p.plan(question, Conversation.empty("reading-test"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o);
    }

    /** The answer to {@code question} over "demo" or "chinook" has the rows of {@code sql}, which must return some. */
    void answersLikeSql(String catalog, String question, String sql) throws Exception {
        boolean demo = catalog.equals("demo");
        MetricQuery q = planned(demo ? demoPlanner : chinookPlanner, question).query();
        List<List<Object>> gold = io.clarion.testing.Datasets.rows(demo ? io.clarion.testing.TestDatabase.demo() : chinook, sql);
        List<List<Object>> answer = rows(demo ? demoQueries : chinookQueries, q);
        org.junit.jupiter.api.Assertions.assertTrue(!gold.isEmpty() && io.clarion.agent.eval.ResultComparison.mismatch(gold, answer, false).isEmpty(),
                q + ": " + answer + " vs " + gold);
    }
}
