package io.clarion.catalog;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.TimeBinding;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's rule for time: every measure dated, bound to the period, or timeless; ratios bound alike or saying how. */
class TimeRulesTest {
    private static final String CUBES = """
            cubes:
              - name: accounts
                sql_table: accounts
                measures:
                  - {name: signups, type: count, time_dimension: created_date}
                  - {name: churned, type: count, filters: ["{CUBE}.churned"], timeless: true}
                  - {name: churned_in_period, type: count, filters: ["{CUBE}.churned_at >= CAST({PERIOD_START} AS date)"]}
                  - {name: seats, type: sum, sql: seats}
                dimensions:
                  - {name: id, type: string, primary_key: true}
                  - {name: created_date, type: time, sql: created_at, granularities: [month]}
                  - {name: churned_date, type: time, sql: churned_at, granularities: [month]}
              - name: balances
                sql_table: balances
                measures:
                  - {name: total, type: sum, sql: amount}
                  - {name: today, type: sum, sql: amount, filters: ["{CUBE}.day = CAST({AS_OF} AS date)"]}
                dimensions:
                  - {name: id, type: string, primary_key: true}
                  - {name: day, type: time, sql: day, granularities: [day, month]}
            """;

    private static CatalogLoader.LoadResult load(String metrics) {
        return CatalogLoader.loadStrings(Map.of("c.yml", CUBES + metrics));
    }

    @Test
    void eachMeasureIsDatedBoundToThePeriodOrTimeless() {
        Catalog c = load("").catalog();
        assertEquals(TimeBinding.DATED, c.measure("accounts.signups").orElseThrow().time());
        assertEquals(TimeBinding.TIMELESS, c.measure("accounts.churned").orElseThrow().time());
        assertEquals(TimeBinding.PERIOD, c.measure("accounts.churned_in_period").orElseThrow().time());
        // Two time dimensions and nothing declared: no date is guessed, and a time filter is refused.
        assertEquals(TimeBinding.UNDECLARED, c.measure("accounts.seats").orElseThrow().time());
        assertTrue(c.measure("accounts.seats").orElseThrow().timeless());
        // One time dimension: the measure is dated by it (validate notes the default)...
        assertEquals(TimeBinding.DEFAULTED, c.measure("balances.total").orElseThrow().time());
        assertEquals("day", c.measure("balances.total").orElseThrow().timeDimension());
        // ...unless it reads {AS_OF}: a current value is never dated by a past period.
        assertEquals(TimeBinding.UNDECLARED, c.measure("balances.today").orElseThrow().time());
    }

    @Test
    void aRatioOfInputsBoundToTimeDifferentlyIsAnErrorUnlessItSaysHow() {
        // The shape of "churned accounts (no date) / accounts signed up in the period".
        var r = load("""
                metrics:
                  - {name: churn_share, type: ratio, numerator: accounts.churned, denominator: accounts.signups}
                """);
        assertEquals(1, r.errors().size(), r.report());
        io.clarion.diagnostics.Issue e = r.errors().get(0);
        assertEquals("time_mismatch", e.key());
        assertTrue(e.message().contains("accounts.churned (timeless)") && e.message().contains("accounts.signups (dated)"), e.message());
        assertTrue(e.toString().startsWith("c.yml:"), e.toString());

        assertTrue(load("""
                metrics:
                  - {name: churn_share, type: ratio, numerator: accounts.churned, denominator: accounts.signups, time_window: per_input}
                """).ok());
        var bad = load("""
                metrics:
                  - {name: churn_share, type: ratio, numerator: accounts.churned, denominator: accounts.signups, time_window: numerator}
                """);
        assertEquals("invalid_value", bad.errors().get(0).key(), bad.report());
    }

    @Test
    void derivedMetricsAreCheckedThroughTheMetricsTheyRead() {
        var r = load("""
                metrics:
                  - {name: signups, type: simple, expression: accounts.signups}
                  - {name: mixed, type: derived, expression: signups + accounts.churned_in_period}
                  - {name: same, type: derived, expression: signups * 2}
                """);
        assertEquals(List.of("time_mismatch"), r.errors().stream().map(io.clarion.diagnostics.Issue::key).toList(), r.report());
        assertTrue(r.errors().get(0).message().contains("derived metric mixed"), r.report());
    }

    @Test
    void anOffsetOverATimelessMeasureAndATimelessDatedMeasureAreErrors() {
        var r = load("""
                metrics:
                  - {name: churned_before, type: simple, expression: accounts.churned, offset: previous_period}
                """);
        assertEquals("time_mismatch", r.errors().get(0).key(), r.report());
        var both = CatalogLoader.loadStrings(Map.of("c.yml", CUBES.replace(
                "{name: signups, type: count, time_dimension: created_date}",
                "{name: signups, type: count, time_dimension: created_date, timeless: true}")));
        assertEquals("invalid_value", both.errors().get(0).key(), both.report());
    }

    @Test
    void aSnapshotMeasureNamesATimeDimensionAWindowAndOptionallyAnEntity() {
        String cube = """
                cubes:
                  - name: balances
                    sql_table: balances
                    measures:
                      - {name: total, type: sum, sql: amount, time_dimension: day, non_additive_dimension: %s}
                    dimensions:
                      - {name: id, type: string, primary_key: true}
                      - {name: account, type: string}
                      - {name: day, type: time, sql: day, granularities: [day, month]}
                """;
        var full = CatalogLoader.loadStrings(Map.of("c.yml", cube.formatted("{name: day, window: first, entity: account}")));
        assertTrue(full.ok(), full.report());
        var rule = full.catalog().measure("balances.total").orElseThrow().nonAdditive();
        assertEquals(new io.clarion.catalog.model.NonAdditive("day", io.clarion.catalog.model.NonAdditive.Window.FIRST, "account"), rule);
        // MetricFlow's spelling: window_choice max is the last point.
        var mf = CatalogLoader.loadStrings(Map.of("c.yml", cube.formatted("{name: day, window_choice: max}")));
        assertEquals(io.clarion.catalog.model.NonAdditive.Window.LAST, mf.catalog().measure("balances.total").orElseThrow().nonAdditive().window());
        var notTime = CatalogLoader.loadStrings(Map.of("c.yml", cube.formatted("account")));
        assertEquals("unknown_reference", notTime.errors().get(0).key(), notTime.report());
        var badWindow = CatalogLoader.loadStrings(Map.of("c.yml", cube.formatted("{name: day, window: average}")));
        assertEquals("invalid_value", badWindow.errors().get(0).key(), badWindow.report());
        var badEntity = CatalogLoader.loadStrings(Map.of("c.yml", cube.formatted("{name: day, entity: acount}")));
        assertEquals(List.of("account"), badEntity.errors().get(0).suggestions(), badEntity.report());
    }

    @Test
    void theDemoCatalogDeclaresTimeForEveryMeasure() {
        Catalog c = DemoEngine.catalog();
        assertEquals(TimeBinding.TIMELESS, c.measure("mrr.current_mrr").orElseThrow().time());
        assertEquals(TimeBinding.DATED, c.measure("mrr.mrr").orElseThrow().time());
        var loose = c.cubes().values().stream().flatMap(x -> x.measures().stream())
                .filter(m -> m.time() == TimeBinding.UNDECLARED || m.time() == TimeBinding.DEFAULTED)
                .map(m -> m.fullName()).toList();
        assertEquals(List.of(), loose, "demo measures that neither name a time dimension nor say timeless");
    }
}
