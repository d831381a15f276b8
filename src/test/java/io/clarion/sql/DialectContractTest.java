package io.clarion.sql;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.MeasureType;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import io.clarion.warehouse.QueryResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link Dialect} must honour, checked over the golden queries: as many binds as
 * placeholders, and each bind at the placeholder of its own kind (dates in the dialect's date
 * form, the masking key in its pseudonym, the row limit last). Both dialects also run each
 * golden query on the embedded PostgreSQL and must return the same rows, which fails if any
 * value reached another value's placeholder.
 */
class DialectContractTest {
    static final LocalDate REFERENCE = LocalDate.of(2026, 6, 15);
    static final List<Dialect> DIALECTS = List.of(PostgresDialect.INSTANCE, new CaseWhenDialect());
    static final String MASK_KEY = "contract-mask-key";
    static final java.util.regex.Pattern RESULT_COMPARISON = java.util.regex.Pattern.compile("\\br\\.\\S+ (=|<>|<|<=|>|>=|BETWEEN|AND) $");

    @Test
    void aFilteredAggregateKeepsEachBindWithItsText() {
        Sql value = Sql.concat(Sql.of("x + "), Sql.bind(1));
        Sql condition = Sql.concat(Sql.of("c = "), Sql.bind("b"));
        Sql postgres = PostgresDialect.INSTANCE.aggregate(MeasureType.SUM, value, condition);
        assertEquals("sum(x + ?) FILTER (WHERE c = ?)", postgres.text());
        assertEquals(List.of(1, "b"), postgres.binds());
        Sql caseWhen = new CaseWhenDialect().aggregate(MeasureType.SUM, value, condition);
        assertEquals("SUM(CASE WHEN c = ? THEN x + ? END)", caseWhen.text());
        assertEquals(List.of("b", 1), caseWhen.binds());
    }

    @TestFactory
    Stream<DynamicTest> everyBindSitsAtAPlaceholderOfItsKind() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect d : DIALECTS) {
            QueryService compiler = new QueryService(DemoEngine.catalog(), null, d, () -> REFERENCE, 10_000,
                    Duration.ofSeconds(30), () -> MASK_KEY);
            for (Path q : goldenQueries()) {
                tests.add(DynamicTest.dynamicTest(d.name() + " " + q.getFileName(), () -> {
                    QueryService.Compiled c = compiler.compile(query(q), options(compiler, q));
                    checkBinds(d, c.sql(), c.plan().limit() + 1);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyDialectReturnsTheSameRowsOnPostgres() throws IOException {
        List<QueryService> services = DIALECTS.stream().map(d -> new QueryService(DemoEngine.catalog(), TestDatabase.demo(), d,
                () -> REFERENCE, 10_000, Duration.ofSeconds(120), () -> MASK_KEY)).toList();
        return goldenQueries().stream().map(q -> DynamicTest.dynamicTest(q.getFileName().toString(), () -> {
            QueryResult expected = services.get(0).run(query(q), options(services.get(0), q)).result();
            for (int i = 1; i < services.size(); i++) {
                QueryResult actual = services.get(i).run(query(q), options(services.get(i), q)).result();
                assertEquals(sorted(expected.rows()), sorted(actual.rows()), DIALECTS.get(i).name() + " returned other rows");
                assertEquals(expected.truncated(), actual.truncated());
            }
        }));
    }

    /**
     * A measure whose value and filter both carry binds ({AS_OF} inside tenure_days, the period in
     * the filter): a dialect that writes the filter before the value must bind it first too.
     */
    static final String BOUND_MEASURE = """
                  - name: contract_tenure_of_churned
                    type: sum
                    sql: "{tenure_days}"
                    time_dimension: churned_date
                    filters:
                      - sql: "{CUBE}.churned_at >= CAST({PERIOD_START} AS date) AND {CUBE}.churned_at < CAST({PERIOD_END} AS date)"
                    description: Tenure of the customers churned in the period (dialect contract test only).
            """;

    @TestFactory
    Stream<DynamicTest> aMeasureWithBindsInValueAndFilterRunsAlikeInEveryDialect() throws IOException {
        Catalog catalog = catalogWith(BOUND_MEASURE);
        String query = """
                {"metrics": ["customers.contract_tenure_of_churned", "customers.new_customer_count"], "dimensions": ["customers.segment"],
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last 6 months"},
                             {"dimension": "customers.days_until_renewal", "operator": "not_equals", "value": 0}]}""";
        List<DynamicTest> tests = new ArrayList<>();
        for (String as : List.of("admin.json", "owner.as-owner.json")) {
            tests.add(DynamicTest.dynamicTest(as, () -> {
                List<List<Object>> expected = null;
                for (Dialect d : DIALECTS) {
                    QueryService service = new QueryService(catalog, TestDatabase.demo(), d, () -> REFERENCE, 10_000,
                            Duration.ofSeconds(120), () -> MASK_KEY);
                    QueryService.Outcome out = service.run(QueryParser.parse(query),
                            new QueryService.Options(false, 0, DemoEngine.goldenAccess(service, as)));
                    checkBinds(d, out.compiled().sql(), out.compiled().plan().limit() + 1);
                    List<List<Object>> rows = out.result().rows();
                    if (expected == null) {
                        assertTrue(rows.stream().anyMatch(r -> r.get(1) != null), "some segment has churned customers' tenure");
                        expected = rows;
                    } else {
                        assertEquals(sorted(expected), sorted(rows), d.name() + " returned other rows");
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** The demo catalog with {@code measure} added to the customers cube. */
    static Catalog catalogWith(String measure) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Path dir = DemoEngine.projectDir().resolve("semantic");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().equals("customers.yml")) {
                    String at = "      - name: churned_in_period\n";
                    assertTrue(text.contains(at), "customers.yml still has churned_in_period");
                    text = text.replace(at, measure + at);
                }
                files.put("semantic/" + f.getFileName(), text);
            }
        }
        CatalogLoader.LoadResult r = CatalogLoader.loadStrings(files);
        assertTrue(r.ok(), () -> r.report());
        return r.catalog();
    }

    /** Each placeholder holds a date exactly where the dialect writes a date, and so on for each kind of bind. */
    static void checkBinds(Dialect d, CompiledSql sql, int limit) {
        List<Integer> at = placeholders(sql.sql());
        assertEquals(at.size(), sql.binds().size(), "placeholders and binds of\n" + sql.sql());
        assertFalse(at.isEmpty(), "the row limit is always bound");
        Context date = Context.of(d.date(LocalDate.EPOCH));
        Context mask = Context.of(d.maskHash(Sql.of(Context.HOLE), new SecretBind("k")));
        Context like = Context.of(d.ilike(Sql.of(Context.HOLE), "p", false));
        Context notLike = Context.of(d.ilike(Sql.of(Context.HOLE), "p", true));
        for (int i = 0; i < at.size(); i++) {
            Object bind = sql.binds().get(i);
            int p = at.get(i);
            String where = "bind " + (i + 1) + " (" + bind + ") at ..." + sql.sql().substring(Math.max(0, p - 40), p + 1);
            if (date.matches(sql.sql(), p)) assertTrue(bind instanceof LocalDate, where);
            // Result rows compare their date columns with a plain placeholder (the driver types the date).
            else if (bind instanceof LocalDate) assertTrue(RESULT_COMPARISON.matcher(sql.sql().substring(0, p)).find(), where);
            assertEquals(bind instanceof SecretBind, mask.matches(sql.sql(), p), where);
            if (like.matches(sql.sql(), p) || notLike.matches(sql.sql(), p)) {
                assertTrue(bind instanceof String s && (s.startsWith("%") || s.endsWith("%")), where);
            }
        }
        int last = at.size() - 1;
        assertTrue(Context.of(d.limit(limit)).matches(sql.sql(), at.get(last)), "the statement ends with the limit");
        assertEquals(limit, sql.binds().get(last));
    }

    /** The text around the placeholder of a one-bind dialect fragment, up to an expression it wraps. */
    record Context(String before, String after) {
        static final String HOLE = "\u0000";

        static Context of(Sql fragment) {
            String t = fragment.text();
            int q = placeholders(t).get(0);
            String before = t.substring(0, q);
            String after = t.substring(q + 1);
            if (before.contains(HOLE)) before = before.substring(before.lastIndexOf(HOLE) + 1);
            if (after.contains(HOLE)) after = after.substring(0, after.indexOf(HOLE));
            return new Context(before, after);
        }

        boolean matches(String sql, int placeholder) {
            return sql.startsWith(before, placeholder - before.length()) && sql.startsWith(after, placeholder + 1);
        }
    }

    /** Offsets of the ? placeholders, outside string literals, quoted identifiers and comments. */
    static List<Integer> placeholders(String sql) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) end = sql.indexOf(c, end + 2);
                assertTrue(end >= 0, "unterminated quote at " + i);
                i = end;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (sql.startsWith("/*", i)) {
                i = sql.indexOf("*/", i) + 1;
            } else if (c == '?') {
                out.add(i);
            }
        }
        return out;
    }

    static List<Path> goldenQueries() throws IOException {
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/golden"))) {
            List<Path> queries = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(queries.size() >= 15, "the golden suite has " + queries.size() + " queries");
            return queries;
        }
    }

    static MetricQuery query(Path file) throws IOException {
        return QueryParser.parse(Files.readString(file));
    }

    static QueryService.Options options(QueryService service, Path file) {
        return new QueryService.Options(false, 0, DemoEngine.goldenAccess(service, file.getFileName().toString()));
    }

    static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(String::valueOf).sorted(Comparator.naturalOrder()).toList();
    }
}
