package io.clarion.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where generating the demo data set may write: only into an empty schema, or over tables a
 * previous generation created and marked as Clarion's (a comment on each table). Anything of
 * the user's is refused, never dropped, unless they name the demo tables to drop with
 * {@code --replace}; tables with other names are never dropped.
 */
public final class DemoTarget {
    /** Every table generation drops and creates, in drop order. */
    public static final List<String> TABLES = List.of("dataset_info", "marketing_spend", "journey_events", "nps_responses",
            "support_tickets", "features", "product_events", "invoices", "mrr_snapshots", "customers", "owners");
    static final String MARK = "Clarion demo data set: generated, replaced by the next generation";

    private DemoTarget() {
    }

    /** Raised when generating would destroy or mix with what is not Clarion's; the message says what to do. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Checks the connection's current schema before anything is dropped.
     *
     * @param replace demo tables the user named to be dropped even though Clarion did not create them
     */
    static void check(Connection c, Set<String> replace) throws SQLException {
        List<String> notDemo = replace.stream().filter(t -> !TABLES.contains(t)).sorted().toList();
        if (!notDemo.isEmpty()) {
            throw new Refused("--replace names only demo tables (" + String.join(", ", TABLES) + "); not "
                    + String.join(", ", notDemo));
        }
        String schema;
        Map<String, String> existing = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            if (schema == null) throw new Refused("the connection has no current schema to generate into (check currentSchema in the JDBC URL)");
            try (ResultSet rs = s.executeQuery("SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c "
                    + "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1")) {
                while (rs.next()) existing.put(rs.getString(1), rs.getString(2));
            }
        }
        // A data set generated before tables were marked has Clarion's own dataset_info beside it.
        boolean legacy = existing.containsKey("dataset_info") && existing.get("dataset_info") == null;
        List<String> foreign = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, String> e : existing.entrySet()) {
            boolean demoName = TABLES.contains(e.getKey());
            boolean ours = MARK.equals(e.getValue()) || (legacy && demoName);
            if (!demoName) others.add(e.getKey());
            else if (!ours && !replace.contains(e.getKey())) foreign.add(e.getKey());
        }
        if (!foreign.isEmpty()) {
            throw new Refused(String.format(Locale.ROOT, "schema %s already holds %s that Clarion did not create: %s. Nothing was changed. "
                            + "Generate into an empty database (or an empty schema, with currentSchema=<schema> in the JDBC URL), "
                            + "or drop %s and their data with --replace %s",
                    schema, foreign.size() == 1 ? "a table" : "tables", String.join(", ", foreign),
                    foreign.size() == 1 ? "it" : "them", String.join(",", foreign)));
        }
        if (!others.isEmpty()) {
            throw new Refused(String.format(Locale.ROOT, "schema %s is not empty (%s%s); the demo data set goes only into an empty "
                            + "database or schema, or over one it generated. Nothing was changed. Use an empty database, "
                            + "or an empty schema with currentSchema=<schema> in the JDBC URL",
                    schema, String.join(", ", others.subList(0, Math.min(5, others.size()))), others.size() > 5 ? ", …" : ""));
        }
    }

    /** The tables Clarion did not create that {@link #check} allowed to be dropped because the user named them. */
    static List<String> named(Connection c, Set<String> replace) throws SQLException {
        List<String> out = new ArrayList<>();
        if (replace.isEmpty()) return out;
        try (var ps = c.prepareStatement("SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
                + "AND c.relname = ANY (?) AND coalesce(obj_description(c.oid, 'pg_class'), '') <> ? ORDER BY 1")) {
            ps.setArray(1, c.createArrayOf("text", replace.toArray()));
            ps.setString(2, MARK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Marks the freshly created tables as Clarion's, so the next generation may replace them. */
    static void mark(Statement s) throws SQLException {
        for (String t : TABLES) s.execute("COMMENT ON TABLE " + t + " IS '" + MARK.replace("'", "''") + "'");
    }
}
