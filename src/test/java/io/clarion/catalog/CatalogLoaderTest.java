package io.clarion.catalog;

import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Relationship;
import io.clarion.testing.TextPositions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogLoaderTest {
    static final Path SEEDS = Path.of(System.getProperty("clarion.project.dir", ".")).resolve("src/test/resources/seeds");

    static CatalogLoader.LoadResult seeds(String... files) {
        return CatalogLoader.load(java.util.Arrays.stream(files).map(SEEDS::resolve).toList());
    }

    static CatalogLoader.LoadResult yaml(String text) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("test.yml", text);
        return CatalogLoader.loadStrings(files);
    }

    static String text(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Location at(Issue i) {
        return (Location) i.where();
    }

    static Issue only(CatalogLoader.LoadResult r, String code) {
        List<Issue> e = r.errors().stream().filter(x -> x.key().equals(code)).toList();
        assertEquals(1, e.size(), "expected one " + code + " in:\n" + r.report());
        return e.get(0);
    }

    @Test
    void seedCustomersCubeLoadsUnchanged() {
        CatalogLoader.LoadResult r = seeds("olytix-customers-cube.yml");
        assertTrue(r.ok(), r.report());
        Cube c = r.catalog().cube("customers").orElseThrow();
        assertEquals("SELECT * FROM dim_customers", c.source().source().replace("{{ ref('dim_customers') }}", "dim_customers"));
        assertEquals("SELECT * FROM dim_customers", ((io.clarion.catalog.model.SqlTemplate.Text) c.source().parts().get(0)).sql());
        assertEquals(MeasureType.SUM, c.measure("total_revenue").orElseThrow().type());
        assertEquals(1, c.measure("active_count").orElseThrow().filters().size());
        assertTrue(c.dimension("customer_id").orElseThrow().primaryKey());
        assertEquals(5, c.dimension("created_date").orElseThrow().granularities().size());
    }

    @Test
    void seedCohortsAndGovernanceLoad() {
        // The seed's cohort cube declares a time dimension without granularities, which the catalog
        // rules make an error: that is the only thing reported for the file.
        CatalogLoader.LoadResult cohorts = seeds("olytix-cohorts-churn-journey.yml");
        Issue e = only(cohorts, "missing_granularities");
        assertEquals(1, cohorts.errors().size(), cohorts.report());
        assertEquals(TextPositions.line(text(SEEDS.resolve("olytix-cohorts-churn-journey.yml")), "name: cohort_month"), at(e).line());
        assertTrue(e.message().contains("customer_cohorts.cohort_month"));
        CatalogLoader.LoadResult r = seeds("olytix-customers-cube.yml", "olytix-governance.yml");
        assertTrue(r.ok(), r.report());
        Cube c = r.catalog().cube("customers").orElseThrow();
        Dimension email = c.dimension("email").orElseThrow();
        assertTrue(email.info().pii());
        assertEquals("hash", email.info().masking());
        assertEquals(true, c.info().meta().get("contains_pii"));
    }

    @Test
    void seedMetricsReportTheirUnknownReferences() {
        CatalogLoader.LoadResult r = seeds("olytix-customers-cube.yml", "olytix-metrics.yml");
        assertFalse(r.ok());
        String report = r.report();
        for (String missing : List.of("marketing.total_spend", "customers.new_customer_count", "customers.churned_count",
                "customers.start_of_period_count", "current_period.existing_customer_revenue")) {
            assertTrue(report.contains("\"" + missing + "\""), missing + " not reported:\n" + report);
        }
        // customer_health_score reads a dimension: metrics combine measures.
        assertTrue(report.contains("customers.health_score, which is a dimension"), report);
        assertTrue(r.errors().stream().allMatch(e -> at(e).file().endsWith("olytix-metrics.yml") && at(e).line() > 0), report);
    }

    @Test
    void lensModelImports() {
        CatalogLoader.LoadResult r = seeds("lens-customer360.yml");
        assertTrue(r.ok(), r.report());
        Catalog c = r.catalog();
        assertEquals(List.of("customer", "order_placed", "order_rejected", "order_invoiced"), List.copyOf(c.cubes().keySet()));
        Cube customer = c.cube("customer").orElseThrow();
        assertTrue(customer.dimension("customer_id").orElseThrow().primaryKey());
        assertEquals(Relationship.ONE_TO_MANY, customer.joins().get(0).relationship());
        assertEquals("order_placed", customer.joins().get(0).to());
        Cube placed = c.cube("order_placed").orElseThrow();
        assertEquals(MeasureType.MIN, placed.measure("recency").orElseThrow().type());
        assertEquals(MeasureType.COUNT_DISTINCT, placed.measure("frequency").orElseThrow().type());
        assertEquals(MeasureType.SUM, placed.measure("monetary").orElseThrow().type());
        assertEquals(5, placed.dimension("activity_ts").orElseThrow().granularities().size());
    }

    @Test
    void lensUnknownTargetIsReportedWithLocation() {
        Map<String, String> files = new LinkedHashMap<>();
        String lens;
        files.put("lens.yml", lens = """
                name: tiny
                entities:
                  - name: customer
                    sql:
                      query: SELECT * FROM customers
                    fields:
                      - name: customer_id
                        type: string
                        column: customer_id
                        primary: true
                    relationships:
                      - type: 1:N
                        field: customer_id
                        target:
                          name: orderz
                          field: entity_id
                """);
        CatalogLoader.LoadResult r = CatalogLoader.loadStrings(files);
        Issue e = only(r, "unknown_reference");
        assertEquals("lens.yml", at(e).file());
        assertEquals(TextPositions.line(lens, "name: orderz"), at(e).line());
    }

    @Test
    void everyErrorAtOnceWithLineColumnAndSuggestions() {
        String text = """
                cubes:
                  - name: orders
                    sql_table: orders
                    desciption: typo in a key
                    joins:
                      - name: customerz
                        relationship: many_to_one
                        sql: "{CUBE}.customer_id = {customerz}.id"
                    measures:
                      - name: total
                        type: summ
                        sql: amount
                      - name: total
                        type: count
                    dimensions:
                      - name: placed
                        type: time
                        sql: placed_at
                      - name: status
                        type: string
                        sql: "{stats} || 'x'"
                  - name: customers
                    sql_table: customers
                    measures:
                      - name: count
                        type: count
                metrics:
                  - name: aov
                    type: ratio
                    numerator: orders.totl
                    denominator: customers.count
                  - name: a
                    type: derived
                    expression: b + 1
                  - name: b
                    type: derived
                    expression: a * 2
                """;
        CatalogLoader.LoadResult r = yaml(text);
        assertNull(r.catalog());
        Issue key = only(r, "unknown_key");
        assertEquals("test.yml:" + TextPositions.position(text, "desciption"), key.where().toString());
        assertEquals(List.of("description"), key.suggestions());
        Issue type = r.errors().stream().filter(e -> e.message().contains("summ")).findFirst().orElseThrow();
        assertEquals(TextPositions.line(text, "summ"), at(type).line());
        assertTrue(type.suggestions().contains("sum"), type.toString());
        assertEquals(TextPositions.line(text, "total\n        type: count"), at(only(r, "duplicate_name")).line());
        assertEquals(TextPositions.line(text, "name: placed"), at(only(r, "missing_granularities")).line());
        List<Issue> refs = r.errors().stream().filter(e -> e.key().equals("unknown_reference")).toList();
        assertTrue(refs.stream().anyMatch(e -> e.message().contains("customerz") && e.suggestions().contains("customers")), r.report());
        assertTrue(refs.stream().anyMatch(e -> e.message().contains("{stats}") && e.suggestions().contains("status")), r.report());
        assertTrue(refs.stream().anyMatch(e -> e.message().contains("orders.totl") && e.suggestions().contains("orders.total")), r.report());
        Issue cycle = only(r, "cycle");
        assertTrue(cycle.message().contains("a -> b -> a") || cycle.message().contains("b -> a -> b"), cycle.message());
        assertTrue(r.errors().size() >= 8, r.report());
    }

    @Test
    void yamlSyntaxErrorIsPlain() {
        CatalogLoader.LoadResult r = yaml("cubes:\n  - name: a\n    sql_table: [unclosed\n");
        Issue e = only(r, "yaml_syntax");
        assertTrue(at(e).line() >= 3, e.toString());
        assertFalse(e.message().contains("com.fasterxml"), e.message());
    }

    @Test
    void derivedExpressionsAllowOnlyArithmetic() {
        String text = """
                cubes:
                  - name: t
                    sql_table: t
                    measures:
                      - name: n
                        type: count
                metrics:
                  - name: bad
                    type: derived
                    expression: "t.n; DROP TABLE t"
                """;
        Issue e = only(yaml(text), "invalid_expression");
        assertTrue(e.message().contains("unexpected character ';'"), e.message());
        assertEquals(TextPositions.line(text, "expression:"), at(e).line());
    }

    @Test
    void metricTypesAndOffsetsLoad() {
        CatalogLoader.LoadResult r = yaml("""
                cubes:
                  - name: t
                    sql_table: t
                    certified: true
                    owner: finance
                    measures:
                      - name: revenue
                        type: sum
                        sql: amount
                        time_dimension: day
                        favorable: up
                    dimensions:
                      - name: day
                        type: time
                        sql: created_at
                        granularities: [day, month]
                metrics:
                  - name: rev
                    type: simple
                    expression: t.revenue
                    meta: {owner: finance, certified: true}
                  - name: rev_prev
                    type: simple
                    expression: t.revenue
                    offset: previous_period
                  - name: rev_change
                    type: derived
                    expression: (rev - rev_prev) / rev_prev
                """);
        assertTrue(r.ok(), r.report());
        var m = r.catalog().metric("rev_change").orElseThrow();
        assertEquals(MetricType.DERIVED, m.type());
        assertEquals(List.of("rev", "rev_prev", "rev_prev"), m.refs());
        assertTrue(r.catalog().metric("rev").orElseThrow().info().certified());
        assertEquals("finance", r.catalog().measure("t.revenue").orElseThrow().info().owner());
        assertTrue(r.catalog().measure("t.revenue").orElseThrow().info().certified(), "cube-level certification is the default");
    }
}
