package io.clarion.plan;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.engine.QueryService;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metric and measure filters on a dimension of a joined cube ("revenue of enterprise customers"):
 * the cube is joined like a query dimension's, and the answer matches hand-written SQL.
 */
class JoinedFilterTest {
    private static final String EXTRA = """
            cubes:
              - name: invoices
                measures:
                  - name: enterprise_revenue
                    type: sum
                    sql: amount
                    filters:
                      - sql: "{CUBE}.status = 'paid' AND {customers.segment} = 'enterprise'"
                    time_dimension: issued_date
            metrics:
              - name: emea_revenue
                type: simple
                expression: invoices.revenue
                filters:
                  - sql: "{customers.region} = 'EMEA'"
            """;

    private static Catalog catalog() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        Path dir = DemoEngine.projectDir().resolve("semantic");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) files.put(p.getFileName().toString(), Files.readString(p));
        }
        files.put("zz_joined_filters.yml", EXTRA);
        CatalogLoader.LoadResult r = CatalogLoader.loadStrings(files);
        assertTrue(r.ok(), r.report());
        return r.catalog();
    }

    private static BigDecimal gold(String sql) throws Exception {
        try (Connection c = TestDatabase.demo().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    @Test
    void filtersOnJoinedCubesMatchHandWrittenSql() throws Exception {
        QueryService q = new QueryService(catalog(), TestDatabase.demo(), PostgresDialect.INSTANCE, () -> LocalDate.of(2026, 6, 15),
                10_000, Duration.ofSeconds(60));
        var out = q.run(QueryParser.parse("""
                {"metrics": ["invoices.enterprise_revenue", "emea_revenue"],
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2025"}]}"""), new QueryService.Options(false));
        List<Object> row = out.result().rows().get(0);
        BigDecimal enterprise = gold("SELECT sum(i.amount) FROM invoices i JOIN customers c ON c.customer_id = i.customer_id "
                + "WHERE i.status = 'paid' AND c.segment = 'enterprise' AND i.issued_at >= DATE '2025-01-01' AND i.issued_at < DATE '2026-01-01'");
        BigDecimal emea = gold("SELECT sum(i.amount) FROM invoices i JOIN customers c ON c.customer_id = i.customer_id "
                + "WHERE i.status = 'paid' AND c.region = 'EMEA' AND i.issued_at >= DATE '2025-01-01' AND i.issued_at < DATE '2026-01-01'");
        assertTrue(enterprise.signum() > 0 && emea.signum() > 0, "the demo data has both");
        assertEquals(0, enterprise.compareTo(new BigDecimal(row.get(0).toString())), "enterprise revenue " + row);
        assertEquals(0, emea.compareTo(new BigDecimal(row.get(1).toString())), "EMEA revenue " + row);
    }
}
