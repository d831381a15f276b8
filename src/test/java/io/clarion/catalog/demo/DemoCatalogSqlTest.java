package io.clarion.catalog.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the SQL of the demo catalog (semantic/*.yml) and the gold SQL of the result test
 * cases against the demo data set, independently of the query engine: every cube source,
 * measure, dimension, segment and join fragment must run; declared many_to_one / one_to_one
 * joins must not repeat rows; primary keys must be unique; every gold query must run and
 * return rows. Fragments are rendered here the simple way ({CUBE} as an alias, {dim}
 * inlined, {AS_OF} and the period bounds as date literals).
 */
class DemoCatalogSqlTest {
    private static final Path PROJECT = Path.of(System.getProperty("clarion.project.dir", "."));
    private static final Path CATALOG = PROJECT.resolve("semantic");
    private static final Path CASES = PROJECT.resolve("src/test/resources/results");
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\(\\s*['\"]([A-Za-z_][A-Za-z0-9_.]*)['\"]\\s*\\)\\s*}}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$?\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static DataSource db;
    private static LocalDate asOf;
    private static final Map<String, JsonNode> cubes = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.demo();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT as_of FROM dataset_info")) {
            assertTrue(rs.next(), "dataset_info is empty");
            asOf = rs.getObject(1, LocalDate.class);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(CATALOG)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                JsonNode doc = yaml.readTree(f.toFile());
                if (doc == null || !doc.has("cubes")) continue;
                for (JsonNode cube : doc.get("cubes")) {
                    if (cube.has("sql") || cube.has("sql_table")) cubes.put(cube.get("name").asText(), cube);
                }
            }
        }
        assertFalse(cubes.isEmpty(), "no cubes under " + CATALOG);
    }

    @TestFactory
    Stream<DynamicTest> cubeSql() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var e : cubes.entrySet()) {
            String name = e.getKey();
            JsonNode cube = e.getValue();
            String from = source(cube) + " t";
            tests.add(DynamicTest.dynamicTest(name + " source", () -> {
                // Every column of every row, so the whole source is evaluated.
                long rows = longValue("SELECT count(*) FROM (SELECT sum(hashtext(x::text)) OVER () FROM " + source(cube) + " x) y");
                assertTrue(rows > 0, name + " has no rows");
            }));
            for (JsonNode m : list(cube, "measures")) {
                String label = name + "." + m.get("name").asText();
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    List<String> where = new ArrayList<>();
                    for (JsonNode f : list(m, "filters")) where.add("(" + fragment(cube, f.get("sql").asText(), "t") + ")");
                    run("SELECT " + aggregate(cube, m) + " FROM " + from + " WHERE " + (where.isEmpty() ? "TRUE" : String.join(" AND ", where)));
                }));
            }
            for (JsonNode d : list(cube, "dimensions")) {
                String label = name + "." + d.get("name").asText();
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    String expr = fragment(cube, d.get("sql").asText(), "t");
                    run("SELECT count(DISTINCT " + expr + ") FROM " + from);
                    if (d.path("primary_key").asBoolean()) {
                        assertEquals(0L, longValue("SELECT count(*) - count(DISTINCT " + expr + ") FROM " + from),
                                label + " is declared a primary key but repeats");
                    }
                }));
            }
            for (JsonNode s : list(cube, "segments")) {
                String label = name + " segment " + s.get("name").asText();
                tests.add(DynamicTest.dynamicTest(label, () ->
                        run("SELECT count(*) FROM " + from + " WHERE " + fragment(cube, s.get("sql").asText(), "t"))));
            }
            for (JsonNode j : list(cube, "joins")) {
                String other = j.get("name").asText();
                String rel = j.get("relationship").asText();
                tests.add(DynamicTest.dynamicTest(name + " join " + other, () -> {
                    JsonNode target = cubes.get(other);
                    assertTrue(target != null, name + " joins unknown cube " + other);
                    String on = fragment(cube, j.get("sql").asText(), "t", Map.of(other, "o"));
                    long base = longValue("SELECT count(*) FROM " + from);
                    long joined = longValue("SELECT count(*) FROM " + from + " LEFT JOIN " + source(target) + " o ON " + on);
                    long matched = longValue("SELECT count(*) FROM " + from + " JOIN " + source(target) + " o ON " + on);
                    assertTrue(matched > 0, name + " -> " + other + " matches no row");
                    if (!rel.equals("one_to_many")) {
                        assertEquals(base, joined, name + " -> " + other + " is " + rel + " but repeats rows of " + name);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> goldSql() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("dictionary.jsonl", "dev.jsonl", "seed.jsonl")) {
            for (String line : Files.readAllLines(CASES.resolve(file))) {
                if (line.isBlank()) continue;
                JsonNode c = json.readTree(line);
                String id = c.get("id").asText();
                String gold = c.get("gold_sql").asText();
                tests.add(DynamicTest.dynamicTest(file + " " + id, () -> {
                    try (Connection conn = db.getConnection(); Statement s = conn.createStatement();
                         ResultSet rs = s.executeQuery(gold)) {
                        int rows = 0;
                        boolean allNull = true;
                        int cols = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            rows++;
                            for (int i = 1; i <= cols; i++) if (rs.getObject(i) != null) allNull = false;
                        }
                        assertTrue(rows > 0, id + ": the gold query returns no rows");
                        assertFalse(allNull, id + ": the gold query returns only nulls");
                    }
                }));
            }
        }
        return tests.stream();
    }

    // ---- rendering

    private static String source(JsonNode cube) {
        if (cube.has("sql_table")) return cube.get("sql_table").asText();
        return "(" + params(cube.get("sql").asText()) + ")";
    }

    private static String params(String sql) {
        LocalDate monthStart = asOf.withDayOfMonth(1);
        String s = REF.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return s.replace("{AS_OF}", literal(asOf))
                .replace("{PERIOD_START}", literal(monthStart.minusMonths(1)))
                .replace("{PERIOD_END}", literal(monthStart));
    }

    private static String literal(LocalDate d) {
        return "DATE '" + d + "'";
    }

    private static String aggregate(JsonNode cube, JsonNode m) {
        String type = m.get("type").asText();
        String e = m.has("sql") ? fragment(cube, m.get("sql").asText(), "t") : null;
        return switch (type) {
            case "count" -> "count(" + (e == null ? "*" : e) + ")";
            case "count_distinct" -> "count(DISTINCT " + e + ")";
            case "sum", "avg", "min", "max" -> type + "(" + e + ")";
            case "number" -> e;
            default -> throw new AssertionError("unknown measure type " + type);
        };
    }

    private static String fragment(JsonNode cube, String sql, String alias) {
        return fragment(cube, sql, alias, Map.of());
    }

    private static String fragment(JsonNode cube, String sql, String alias, Map<String, String> others) {
        String s = sql.strip();
        if (IDENT.matcher(s).matches()) return alias + "." + s;
        s = params(s);
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.equals("CUBE")) {
                replacement = alias;
            } else if (others.containsKey(name)) {
                replacement = others.get(name);
            } else {
                JsonNode dim = null;
                for (JsonNode d : list(cube, "dimensions")) if (d.get("name").asText().equals(name)) dim = d;
                if (dim == null) fail("unresolved reference {" + name + "} in " + cube.get("name").asText());
                replacement = "(" + fragment(cube, dim.get("sql").asText(), alias, others) + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        if (node.has(field)) node.get(field).forEach(out::add);
        return out;
    }

    private static void run(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                // drain
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in: " + sql, e.getSQLState(), e);
        }
    }

    private static long longValue(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in: " + sql, e.getSQLState(), e);
        }
    }
}
