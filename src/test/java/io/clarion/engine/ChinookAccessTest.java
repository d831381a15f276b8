package io.clarion.engine;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.testing.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row-level access on Chinook with its support reps as owners (customer.support_rep_id, the
 * row filter init drafted and a reviewer switched on): over every cube and measure, a rep sees
 * only their own customers and the facts reached through them, and personal data stays masked
 * for every role without the pii privilege.
 */
class ChinookAccessTest {
    static final List<String> REPS = List.of("3", "4", "5");
    static DataSource chinook;
    static Catalog catalog;
    static QueryService queries;

    @BeforeAll
    static void load() {
        chinook = Datasets.chinook("clarion_chinook_access");
        CatalogLoader.LoadResult r = CatalogLoader.load(ChinookCatalogTest.catalogDir());
        if (!r.ok()) throw new AssertionError(r.report());
        catalog = r.catalog();
        queries = ChinookCatalogTest.service(catalog, chinook);
    }

    static Access as(String role, Map<String, String> attributes) {
        return Access.of(catalog, new Principal("test-" + role, List.of(role), attributes));
    }

    static List<List<Object>> run(Access a, String query) {
        return queries.run(QueryParser.parse(query), new QueryService.Options(false, 0, a)).result().rows();
    }

    @Test
    void everyMeasureAsARepEqualsTheAdminsFigureForThatRepsCustomersOnly() throws Exception {
        Access admin = as("admin", Map.of());
        int checked = 0;
        for (String rep : REPS) {
            Access owner = as("owner", Map.of("owner_id", rep));
            Set<Object> own = new HashSet<>();
            for (List<Object> row : ChinookCatalogTest.rows(chinook, "SELECT customer_id FROM customer WHERE support_rep_id = " + rep)) {
                own.add(((Number) row.get(0)).longValue());
            }
            assertTrue(own.size() >= 18, "rep " + rep + " owns " + own.size());
            for (Cube cube : catalog.cubes().values()) {
                for (Measure m : cube.measures()) {
                    String metric = "{\"metrics\": [\"" + m.fullName() + "\"]";
                    List<List<Object>> mine = run(owner, metric + "}");
                    List<List<Object>> expected;
                    if (List.of("customer", "invoice", "invoice_line").contains(cube.name())) {
                        // Facts of customers: the rep's figure is the admin's for the rep's customers; never another's row.
                        expected = run(admin, metric + ", \"filters\": [{\"dimension\": \"customer.support_rep_id\", "
                                + "\"operator\": \"equals\", \"value\": " + rep + "}]}");
                        for (List<Object> row : run(owner, metric + ", \"dimensions\": [\"customer.customer_id\"], \"limit\": 1000}")) {
                            assertTrue(own.contains(((Number) row.get(0)).longValue()),
                                    m.fullName() + " as rep " + rep + " returned customer " + row.get(0));
                        }
                    } else if (cube.name().equals("employee")) {
                        expected = run(admin, metric + ", \"filters\": [{\"dimension\": \"employee.employee_id\", "
                                + "\"operator\": \"equals\", \"value\": " + rep + "}]}");
                    } else {
                        // Reference data (tracks, albums, genres...): about no customer, every row visible.
                        expected = run(admin, metric + "}");
                    }
                    assertEquals(expected.size(), mine.size(), m.fullName());
                    assertTrue(same(expected.get(0).get(0), mine.get(0).get(0)),
                            m.fullName() + " as rep " + rep + ": " + mine + ", expected " + expected);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 3 * 36, "checked " + checked);
        // A rep sees exactly their own customers, and only their own row of the people table.
        assertEquals(1L, ((Number) run(as("owner", Map.of("owner_id", "3")), "{\"metrics\": [\"employee.count\"]}").get(0).get(0)).longValue());
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (a instanceof Number x && b instanceof Number y) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        return a.equals(b);
    }

    @Test
    void personalDataIsMaskedForEveryRoleWithoutThePiiPrivilege() {
        String q = "{\"metrics\": [\"customer.count\"], \"dimensions\": [\"customer.customer_id\", \"customer.email\", "
                + "\"customer.last_name\", \"customer.address\", \"customer.phone\"], \"limit\": 1000}";
        for (Access a : List.of(as("owner", Map.of("owner_id", "4")), as("analyst", Map.of()), as("viewer", Map.of()))) {
            List<List<Object>> rows = run(a, q);
            assertTrue(!rows.isEmpty());
            for (List<Object> r : rows) {
                assertTrue(r.get(1).toString().startsWith("pii_"), r.toString());
                assertTrue(r.get(2).toString().startsWith("pii_"), r.toString());
                assertEquals("[redacted]", r.get(3), r.toString());
                assertTrue(r.get(4) == null || r.get(4).toString().startsWith("pii_"), r.toString());
            }
        }
        List<List<Object>> raw = run(as("admin", Map.of()), q);
        assertEquals(59, raw.size());
        assertTrue(raw.stream().allMatch(r -> r.get(1).toString().contains("@")));
        // A masked member cannot be filtered on, so its raw value cannot be tested value by value.
        assertThrows(QueryException.class, () -> run(as("analyst", Map.of()), "{\"metrics\": [\"customer.count\"], "
                + "\"filters\": [{\"dimension\": \"customer.email\", \"operator\": \"starts_with\", \"value\": \"a\"}]}"));
    }

    @Test
    void aRoleNotInTheCatalogSeesNothing() {
        QueryException e = assertThrows(QueryException.class, () -> run(as("intern", Map.of()), "{\"metrics\": [\"customer.count\"]}"));
        assertTrue(e.getMessage().contains("is declared in the access policy"), e.getMessage());
        // A rep whose identity carries no owner_id sees no rows rather than every row.
        assertThrows(QueryException.class, () -> run(as("owner", Map.of()), "{\"metrics\": [\"customer.count\"]}"));
    }
}
