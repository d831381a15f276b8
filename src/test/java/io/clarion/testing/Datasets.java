package io.clarion.testing;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public data sets in src/test/resources/datasets (Chinook, IBM Telco churn; see the
 * README there), each loaded into a database of its own on the test PostgreSQL, fresh per call.
 */
public final class Datasets {
    public static final String CHINOOK = "clarion_chinook";
    public static final String TELCO = "clarion_telco";

    private Datasets() {
    }

    /** The rows of hand-written SQL, to compare with a metric query's. */
    public static List<List<Object>> rows(DataSource ds, String sql) throws SQLException {
        try (Connection conn = ds.getConnection(); Statement s = conn.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> out = new java.util.ArrayList<>();
            while (rs.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                out.add(row);
            }
            return out;
        }
    }

    public static Path dir() {
        return DemoEngine.projectDir().resolve("src/test/resources/datasets");
    }

    /** Chinook in database {@code name}: the script from its first CREATE TABLE on (it drops, creates and connects to its own database before). */
    public static DataSource chinook(String name) {
        DataSource ds = TestDatabase.freshDatabase(name);
        try {
            String sql = Files.readString(dir().resolve("chinook/Chinook_PostgreSql.sql"), StandardCharsets.UTF_8);
            int start = sql.indexOf("CREATE TABLE");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql.substring(start));
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot load Chinook: " + e.getMessage(), e);
        }
        return ds;
    }

    /**
     * The Telco table as a data team would load it: snake_case columns, charges as numbers, the
     * blank TotalCharges of new customers as NULL, no primary key declared.
     */
    public static DataSource telco(String name) {
        DataSource ds = TestDatabase.freshDatabase(name);
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE telco_customer_churn (customer_id text NOT NULL, gender text, senior_citizen integer, "
                        + "partner text, dependents text, tenure integer, phone_service text, multiple_lines text, "
                        + "internet_service text, online_security text, online_backup text, device_protection text, "
                        + "tech_support text, streaming_tv text, streaming_movies text, contract text, paperless_billing text, "
                        + "payment_method text, monthly_charges numeric(10,2), total_charges numeric(10,2), churn text)");
            }
            List<String> lines = Files.readAllLines(dir().resolve("telco/Telco-Customer-Churn.csv"), StandardCharsets.UTF_8);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO telco_customer_churn VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isBlank()) continue;
                    String[] f = line.split(",", -1);
                    for (int i = 0; i < 21; i++) {
                        String v = f[i].strip();
                        switch (i) {
                            case 2, 5 -> ps.setInt(i + 1, Integer.parseInt(v));
                            case 18, 19 -> ps.setBigDecimal(i + 1, v.isEmpty() ? null : new BigDecimal(v));
                            default -> ps.setString(i + 1, v);
                        }
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot load Telco: " + e.getMessage(), e);
        }
        return ds;
    }

    /** The reviewed Chinook test catalog copied into a new temporary folder, plus one file of the test's own. */
    public static Path chinookCatalogWith(String fileName, String content) throws IOException {
        Path catalog = Files.createTempDirectory("catalog");
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"))) {
            for (Path p : s.toList()) Files.copy(p, catalog.resolve(p.getFileName()));
        }
        Files.writeString(catalog.resolve(fileName), content);
        return catalog;
    }

    /** Removes a folder a test created, with everything in it. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
