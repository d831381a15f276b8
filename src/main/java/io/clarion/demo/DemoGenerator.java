package io.clarion.demo;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the demo warehouse (demo-data.md over demo-warehouse.sql) and streams it into
 * PostgreSQL with COPY.
 *
 * <p>Every customer has its own random streams, derived from (seed, customer, table), so each
 * table is written in its own pass over the customers without keeping anything in memory:
 * memory stays flat in scale and the rows are the same on any machine. The whole load is one
 * transaction, so a crash never leaves half a data set; dataset_info is written last.
 *
 * <p>Why this class is over 400 lines: it is the executable form of demo-data.md, one table after
 * another in the order the specification gives them, and later tables read the rows generated
 * for earlier ones (a customer's plan drives its invoices, usage and tickets). Keeping the whole
 * specification in one reading order is what lets a reviewer check it against the document.
 */
public final class DemoGenerator {
    static final String[] SEGMENTS = {"enterprise", "mid-market", "smb"};
    static final double[] SEGMENT_SHARE = {0.03, 0.18, 0.79};
    /** Hazards, set above the observed targets (2%, 4.5%, 8%) because risky customers leave first. */
    static final double[] MONTHLY_CHURN = {0.021, 0.055, 0.11};
    static final int[][] MRR_RANGE = {{5000, 15000}, {500, 1500}, {50, 150}};
    static final String[] INDUSTRIES = {"manufacturing", "retail", "software", "healthcare", "finance", "education"};
    static final String[] REGIONS = {"North America", "EMEA", "APAC", "LATAM"};
    static final double[] REGION_SHARE = {0.45, 0.30, 0.17, 0.08};
    static final String[] CHANNELS = {"organic", "paid_search", "partner", "outbound", "referral", "events"};
    static final double[] CHANNEL_SHARE = {0.28, 0.24, 0.14, 0.14, 0.12, 0.08};
    static final String[] FEATURES = {"dashboards", "alerts", "exports", "api_access", "sso", "custom_reports", "workflows",
            "integrations", "mobile_app", "audit_log", "ai_insights", "forecasting"};
    static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
    static final String[] CATEGORIES = {"billing", "bug", "how_to", "feature_request", "outage"};
    static final String[] STAGES = {"signup", "onboarding_started", "first_value", "paid", "expansion", "advocacy"};
    static final String[] EVENT_TYPES = {"login", "feature_used", "report_created", "integration_connected", "api_call"};
    static final int HISTORY_DAYS = 3 * 365;

    private static final String[] ADJ = {"Blue", "Bright", "Clear", "Swift", "North", "Silver", "Green", "Prime", "Bold", "Urban",
            "Summit", "Golden", "Rapid", "Noble", "Quiet", "Red", "True", "Vast", "Keen", "Lucky", "Solid", "Smart", "Open", "Pure",
            "Grand", "Iron", "Cedar", "Coral", "Polar", "Lunar", "Solar", "Crystal", "Amber", "Metro", "Royal", "Wild", "Astra",
            "Nova", "Pacific", "Atlas"};
    private static final String[] NOUN = {"River", "Peak", "Harbor", "Forge", "Field", "Stone", "Bridge", "Wave", "Pine", "Lake",
            "Ridge", "Cloud", "Spark", "Path", "Grove", "Bay", "Point", "Crest", "Valley", "Mill", "Works", "Labs", "Systems",
            "Logic", "Data", "Health", "Foods", "Retail", "Motors", "Energy", "Capital", "Media", "Learning", "Design", "Goods",
            "Partners", "Networks", "Dynamics", "Ventures", "Supply"};
    /**
     * A customer's contact: a person at a mail host, drawn from a stream of its own. An address
     * made of the company's domain (ops@ + company_domain) would let anyone who sees the domain
     * undo the masking of the email column.
     */
    private static final String[] CONTACT_FIRST = {"alex", "maria", "sam", "noor", "jonas", "li", "priya", "tomas", "ines", "kofi",
            "mei", "lars", "ana", "omar", "sofia", "ravi", "elena", "yuki", "david", "fatima", "leo", "hana", "marta", "ben"};
    private static final String[] CONTACT_LAST = {"keller", "okafor", "nguyen", "silva", "berg", "haddad", "kowalski", "tanaka",
            "moreau", "fischer", "rossi", "patel", "costa", "lindqvist", "mensah", "garcia", "novak", "ito", "walsh", "dubois"};
    private static final String[] CONTACT_HOST = {"example.com", "example.net", "example.org", "mail.example.com",
            "inbox.example.net", "post.example.org"};
    static final int EMAIL_STREAM = 10;

    private static final String[] SUFFIX = {"Inc.", "LLC", "Ltd", "Group", "Co.", "Corp", "GmbH", "SA", "PLC", "Holdings"};

    private final DemoSpec spec;
    private final LocalDate asOf;
    private final LocalDate start;
    private final int owners;

    public DemoGenerator(DemoSpec spec) {
        this.spec = spec;
        this.asOf = spec.asOf();
        this.start = asOf.minusDays(HISTORY_DAYS);
        this.owners = Math.max(6, (int) Math.ceil(spec.scale() / 60.0));
    }

    // ---- the customer profile: everything other tables derive from ------------------------------

    /** One customer, regenerated identically in every pass. */
    record Profile(int index, String id, int segment, String name, String email, String domain, String phone,
                   int industry, int region, int channel, String plan, String ownerId, LocalDateTime createdAt,
                   LocalDateTime churnedAt, LocalDate contractEnd, int seats, double baseMrr, double engagement,
                   boolean declining, int users, int duplicateOf, double risk) {
        boolean active() {
            return churnedAt == null;
        }

        /** The last day the customer was a customer. */
        LocalDate endDate(LocalDate asOf) {
            return churnedAt == null ? asOf : churnedAt.toLocalDate();
        }
    }

    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    SplittableRandom rng(int customer, int stream) {
        return new SplittableRandom(mix(spec.seed(), customer, stream));
    }

    static int pick(SplittableRandom r, double[] shares) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < shares.length; i++) {
            acc += shares[i];
            if (u < acc) return i;
        }
        return shares.length - 1;
    }

    Profile profile(int i) {
        SplittableRandom r = rng(i, 0);
        int segment = pick(r, SEGMENT_SHARE);
        // ~2% appear twice (CRM vs billing): same email or domain, a slightly different name.
        SplittableRandom dup = rng(i, 9);
        int duplicateOf = i > 10 && dup.nextDouble() < 0.02 ? 1 + dup.nextInt(i - 1) : -1;
        Profile original = duplicateOf > 0 ? profileBasics(duplicateOf) : null;
        if (original != null) segment = original.segment();
        int industry = r.nextInt(INDUSTRIES.length);
        int region = pick(r, REGION_SHARE);
        int channel = pick(r, CHANNEL_SHARE);
        // More signups recently (a growing company): skew the signup day towards as_of.
        double u = Math.pow(r.nextDouble(), 0.65);
        LocalDateTime created = start.atStartOfDay().plusSeconds((long) (u * (HISTORY_DAYS * 86400L)));
        if (created.toLocalDate().isAfter(asOf)) created = asOf.atStartOfDay();
        // Risk drives both churn and the signals before it; noisy on purpose.
        double risk = Math.exp(r.nextGaussian() * 0.8 - 0.32);
        LocalDateTime churned = null;
        LocalDate month = created.toLocalDate().withDayOfMonth(1).plusMonths(1);
        while (!month.isAfter(asOf)) {
            if (r.nextDouble() < MONTHLY_CHURN[segment] * risk) {
                LocalDateTime c = month.atStartOfDay().plusSeconds(r.nextLong(month.lengthOfMonth() * 86400L));
                if (!c.toLocalDate().isAfter(asOf) && c.isAfter(created)) churned = c;
                break;
            }
            month = month.plusMonths(1);
        }
        // Engagement of active customers, shaped to the health bands of demo-data.md.
        double band = r.nextDouble();
        double engagement;
        if (churned != null) engagement = 0.1 + 0.3 * r.nextDouble();
        else if (band < 0.025 + 0.01 * Math.min(2, risk)) engagement = 0.08 + 0.17 * r.nextDouble();
        else if (band < 0.15 + 0.02 * Math.min(2, risk)) engagement = 0.3 + 0.2 * r.nextDouble();
        else if (band < 0.62) engagement = 0.56 + 0.2 * r.nextDouble();
        else engagement = 0.8 + 0.2 * r.nextDouble();
        boolean declining = churned != null ? r.nextDouble() < 0.8 : r.nextDouble() < Math.min(0.5, 0.06 * risk + (engagement < 0.5 ? 0.3 : 0));
        String plan = switch (segment) {
            case 0 -> "enterprise";
            case 1 -> r.nextDouble() < 0.85 ? "growth" : "enterprise";
            default -> r.nextDouble() < 0.8 ? "starter" : "growth";
        };
        boolean annual = segment == 0 || (segment == 1 && r.nextDouble() < 0.7) || (segment == 2 && r.nextDouble() < 0.15);
        LocalDate contractEnd = null;
        if (annual) {
            LocalDate renew = created.toLocalDate().plusYears(1);
            while (!renew.isAfter(asOf)) renew = renew.plusYears(1);
            contractEnd = churned != null ? churned.toLocalDate() : renew;
        }
        int seats = switch (segment) {
            case 0 -> 50 + r.nextInt(451);
            case 1 -> 10 + r.nextInt(91);
            default -> 1 + r.nextInt(15);
        };
        int[] range = MRR_RANGE[segment];
        double baseMrr = range[0] + r.nextDouble() * (range[1] - range[0]);
        int users = switch (segment) {
            case 0 -> 15 + r.nextInt(30);
            case 1 -> 5 + r.nextInt(12);
            default -> 1 + r.nextInt(4);
        };
        String name = name(i);
        String domain = name.toLowerCase(Locale.ROOT).replaceAll(" (inc\\.|llc|ltd|group|co\\.|corp|gmbh|sa|plc|holdings)$", "")
                .replaceAll("[^a-z0-9]+", "") + ".com";
        String email = contactEmail(i);
        if (original != null) {
            domain = original.domain();
            // The other half are a second contact at the same company: only the domain gives them away.
            email = dup.nextBoolean() ? original.email() : email;
            name = variant(original.name(), dup);
        }
        String ownerId = owner(segment, region, r);
        String phone = String.format(Locale.ROOT, "+1-%03d-%03d-%04d", 200 + r.nextInt(800), r.nextInt(1000), r.nextInt(10000));
        return new Profile(i, id(i), segment, name, email, domain, phone, industry, region, channel, plan, ownerId, created,
                churned, contractEnd, seats, baseMrr, engagement, declining, users, duplicateOf, risk);
    }

    /**
     * Each customer's hidden monthly churn hazard, by customer id: its segment's rate times the risk
     * drawn for it, from which its churn was drawn. It is never written to the warehouse; it
     * measures how well any ranking of the accounts could do on this data set (the ceiling).
     */
    public java.util.Map<String, Double> hiddenHazards() {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            out.put(p.id(), MONTHLY_CHURN[p.segment()] * p.risk());
        }
        return out;
    }

    /** Name, email and domain of a customer, without recursion into duplicates. */
    private Profile profileBasics(int i) {
        String name = name(i);
        String domain = name.toLowerCase(Locale.ROOT).replaceAll(" (inc\\.|llc|ltd|group|co\\.|corp|gmbh|sa|plc|holdings)$", "")
                .replaceAll("[^a-z0-9]+", "") + ".com";
        SplittableRandom r = rng(i, 0);
        int segment = pick(r, SEGMENT_SHARE);
        return new Profile(i, id(i), segment, name, contactEmail(i), domain, null, 0, 0, 0, null, null, null, null, null, 0, 0, 0,
                false, 0, -1, 0);
    }

    String contactEmail(int i) {
        SplittableRandom r = rng(i, EMAIL_STREAM);
        return CONTACT_FIRST[r.nextInt(CONTACT_FIRST.length)] + "." + CONTACT_LAST[r.nextInt(CONTACT_LAST.length)]
                + (10 + r.nextInt(99_990)) + "@" + CONTACT_HOST[r.nextInt(CONTACT_HOST.length)];
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "cus_%06d", i);
    }

    /** A unique company name per index (a mixed-radix permutation of word lists). */
    static String name(int i) {
        long k = (i * 7919L) % (ADJ.length * (long) NOUN.length * NOUN.length * SUFFIX.length);
        int a = (int) (k % ADJ.length);
        k /= ADJ.length;
        int n1 = (int) (k % NOUN.length);
        k /= NOUN.length;
        int n2 = (int) (k % NOUN.length);
        k /= NOUN.length;
        int s = (int) (k % SUFFIX.length);
        String base = ADJ[a] + " " + NOUN[n1] + (n1 == n2 ? "" : " " + NOUN[n2]) + " " + SUFFIX[s];
        long capacity = ADJ.length * (long) NOUN.length * NOUN.length * SUFFIX.length;
        return i >= capacity / 2 ? base + " " + (i / (capacity / 2)) : base;
    }

    static String variant(String name, SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> name.replace(".", "").replace(",", "");
            default -> name.endsWith("Inc.") ? name.substring(0, name.length() - 1) : name + ",";
        };
    }

    // ---- owners: one per ~60 customers, a team each ------------------------------------------------

    private int teamOwners(int team) {
        int ent = Math.max(1, (int) Math.round(owners * 0.04));
        int mid = Math.max(1, (int) Math.round(owners * 0.2));
        return switch (team) {
            case 0 -> ent;
            case 1 -> mid;
            default -> Math.max(REGIONS.length, owners - ent - mid);
        };
    }

    private int ownerOffset(int team) {
        int o = 0;
        for (int t = 0; t < team; t++) o += teamOwners(t);
        return o;
    }

    int ownerCount() {
        return ownerOffset(3);
    }

    private String owner(int segment, int region, SplittableRandom r) {
        if (segment == 2) {
            // smb: a named owner for most, the regional pool for some, and a few with none (a data-quality note).
            double u = r.nextDouble();
            if (u < 0.04) return null;
            if (u < 0.25) return ownerId(ownerOffset(2) + region);
            int named = teamOwners(2) - REGIONS.length;
            return named <= 0 ? ownerId(ownerOffset(2) + region) : ownerId(ownerOffset(2) + REGIONS.length + r.nextInt(named));
        }
        return ownerId(ownerOffset(segment) + r.nextInt(teamOwners(segment)));
    }

    static String ownerId(int k) {
        return String.format(Locale.ROOT, "own_%03d", k + 1);
    }

    // ---- passes --------------------------------------------------------------------------------

    /** Writes one table's rows; {@code row} receives the column values in order. */
    private interface RowSink {
        void row(Object... values);
    }

    private interface Pass {
        void write(RowSink sink);
    }

    public Map<String, Long> generate(Connection c, Progress progress) throws SQLException {
        return generate(c, progress, Set.of());
    }

    /**
     * Generates into the connection's current schema: an empty one, or over a data set generated
     * before. Anything else is refused ({@link DemoTarget.Refused}) before a thing is dropped.
     *
     * @param replace demo tables the user named to be dropped although Clarion did not create them
     */
    public Map<String, Long> generate(Connection c, Progress progress, Set<String> replace) throws SQLException {
        DemoTarget.check(c, replace);
        List<String> dropped = DemoTarget.named(c, replace);
        if (!dropped.isEmpty()) progress.begin("Dropping " + String.join(", ", dropped) + " (not created by Clarion; named with --replace)");
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        Map<String, Long> counts = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + String.join(", ", DemoTarget.TABLES) + " CASCADE");
                s.execute(schema());
                DemoTarget.mark(s);
            }
            long n = spec.scale();
            counts.put("owners", copy(c, "owners", "owner_id, name, email, slack_user_id, team", ownerCount(), progress, this::owners));
            counts.put("features", copy(c, "features", "feature_name, launched_at", FEATURES.length, progress, this::features));
            counts.put("customers", copy(c, "customers", "customer_id, customer_name, email, phone, company_domain, segment, industry, "
                    + "region, acquisition_channel, plan, owner_id, created_at, churned_at, contract_end_date, seats_purchased", n, progress, this::customers));
            counts.put("mrr_snapshots", copy(c, "mrr_snapshots", "customer_id, month, plan, mrr", n * 12, progress, this::mrr));
            counts.put("invoices", copy(c, "invoices", "invoice_id, customer_id, issued_at, amount, status, paid_at", n * 12, progress, this::invoices));
            counts.put("product_events", copy(c, "product_events", "event_id, customer_id, user_id, event_time, event_type, feature_name",
                    n * 100, progress, this::events));
            counts.put("support_tickets", copy(c, "support_tickets", "ticket_id, customer_id, created_at, resolved_at, priority, category, "
                    + "escalated, satisfaction", n * 4, progress, this::tickets));
            counts.put("nps_responses", copy(c, "nps_responses", "response_id, customer_id, responded_at, score", n * 2, progress, this::nps));
            counts.put("journey_events", copy(c, "journey_events", "customer_id, stage, reached_at", n * 3, progress, this::journey));
            counts.put("marketing_spend", copy(c, "marketing_spend", "month, channel, spend", 37L * CHANNELS.length, progress, this::marketing));
            progress.begin("  indexes");
            try (Statement s = c.createStatement()) {
                for (String ddl : INDEXES) s.execute(ddl);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset_info (as_of, seed, scale) VALUES (?, ?, ?)")) {
                ps.setObject(1, asOf);
                ps.setLong(2, spec.seed());
                ps.setInt(3, spec.scale());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        progress.begin("  statistics");
        vacuumAnalyze(c);
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        progress.done(String.format(Locale.ROOT, "Generated the demo data set: %,d customers, %,d rows in %.1f s (seed %d, as of %s)",
                spec.scale(), rows, (System.nanoTime() - t0) / 1e9, spec.seed(), asOf));
        return counts;
    }

    /**
     * Freshly loaded tables have no statistics and no visibility map: the planner guesses their
     * row counts and value distributions (misestimating joins and group counts by orders of
     * magnitude, which also drives JIT and parallelism decisions) and cannot plan index-only
     * scans. VACUUM (ANALYZE) gives it both. VACUUM refuses to run inside a transaction block,
     * so it runs in autocommit after the load committed, and only on the tables generation
     * created: never a database-wide ANALYZE or VACUUM over tables that are not Clarion's.
     */
    static void vacuumAnalyze(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String table : DemoTarget.TABLES) s.execute("VACUUM (ANALYZE) " + table);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static final List<String> INDEXES = List.of(
            "CREATE INDEX ON customers (owner_id)",
            "CREATE INDEX ON customers (created_at)",
            "CREATE INDEX ON mrr_snapshots (month)",
            "CREATE INDEX ON invoices (customer_id)",
            "CREATE INDEX ON invoices (issued_at)",
            "CREATE INDEX ON product_events (customer_id, event_time)",
            "CREATE INDEX ON product_events (event_time)",
            "CREATE INDEX ON support_tickets (customer_id)",
            "CREATE INDEX ON support_tickets (created_at)",
            "CREATE INDEX ON nps_responses (customer_id, responded_at)");

    static String schema() {
        try (InputStream in = DemoGenerator.class.getClassLoader().getResourceAsStream("warehouse/demo-warehouse.sql")) {
            if (in == null) throw new IllegalStateException("warehouse/demo-warehouse.sql is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long copy(Connection c, String table, String columns, long estimate, Progress progress, Pass pass) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        long[] rows = {0};
        StringBuilder buf = new StringBuilder(1 << 17);
        try {
            pass.write(values -> {
                for (int k = 0; k < values.length; k++) {
                    if (k > 0) buf.append('\t');
                    text(buf, values[k]);
                }
                buf.append('\n');
                rows[0]++;
                if (buf.length() > (1 << 16)) {
                    flush(in, buf);
                    progress.table(table, rows[0], Math.max(estimate, rows[0]));
                }
            });
            flush(in, buf);
            in.endCopy();
        } catch (UncheckedSql e) {
            throw e.cause;
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
        progress.tableDone(table, rows[0]);
        return rows[0];
    }

    private static final class UncheckedSql extends RuntimeException {
        final SQLException cause;

        UncheckedSql(SQLException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static void flush(CopyIn in, StringBuilder buf) {
        byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
        try {
            in.writeToCopy(b, 0, b.length);
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
        buf.setLength(0);
    }

    /** COPY text format: \N for null, backslash escapes for the few special characters. */
    private static void text(StringBuilder b, Object v) {
        if (v == null) {
            b.append("\\N");
            return;
        }
        String s = v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
    }

    private static String ts(LocalDateTime t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    }

    private void owners(RowSink sink) {
        String[] first = {"Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kira", "Liam", "Maya",
                "Noah", "Olivia", "Priya", "Quinn", "Rafael", "Sofia", "Tariq"};
        String[] last = {"Adams", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez",
                "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Weber"};
        for (int team = 0; team < 3; team++) {
            for (int k = 0; k < teamOwners(team); k++) {
                int idx = ownerOffset(team) + k;
                SplittableRandom r = rng(-1 - idx, 1);
                String name = first[r.nextInt(first.length)] + " " + last[r.nextInt(last.length)];
                if (team == 2 && k < REGIONS.length) name = "SMB Pool " + REGIONS[k];
                String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "." + (idx + 1) + "@clarion-demo.com";
                String slack = r.nextDouble() < 0.85 ? String.format(Locale.ROOT, "U%09d", r.nextInt(1_000_000_000)) : null;
                sink.row(ownerId(idx), name, email, slack, SEGMENTS[team]);
            }
        }
    }

    private void features(RowSink sink) {
        for (int f = 0; f < FEATURES.length; f++) {
            // Ten features from the early days, two launched in the last months.
            sink.row(FEATURES[f], launched(f));
        }
    }

    private void customers(RowSink sink) {
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            sink.row(p.id(), p.name(), p.email(), p.phone(), p.domain(), SEGMENTS[p.segment()], INDUSTRIES[p.industry()],
                    REGIONS[p.region()], CHANNELS[p.channel()], p.plan(), p.ownerId(), ts(p.createdAt()),
                    p.churnedAt() == null ? null : ts(p.churnedAt()), p.contractEnd(), p.seats());
        }
    }

    /** Monthly MRR of a customer, from its signup month to its churn month (or as_of's month). */
    private List<Object[]> mrrMonths(Profile p) {
        SplittableRandom r = rng(p.index(), 2);
        List<Object[]> out = new ArrayList<>();
        double mrr = p.baseMrr();
        double trend = r.nextDouble() < 0.3 ? 0.012 : r.nextDouble() < 0.15 ? -0.01 : 0.002;
        LocalDate m = p.createdAt().toLocalDate().withDayOfMonth(1);
        LocalDate last = p.endDate(asOf).withDayOfMonth(1);
        String plan = p.plan();
        while (!m.isAfter(last)) {
            out.add(new Object[]{m, plan, Math.round(mrr * 100) / 100.0});
            if (r.nextDouble() < 0.08) mrr *= 1 + trend * 6 + r.nextGaussian() * 0.02;
            mrr = Math.max(p.baseMrr() * 0.4, mrr * (1 + trend));
            m = m.plusMonths(1);
        }
        return out;
    }

    private void mrr(RowSink sink) {
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            for (Object[] row : mrrMonths(p)) sink.row(p.id(), row[0], row[1], row[2]);
        }
    }

    private void invoices(RowSink sink) {
        long n = 0;
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            SplittableRandom r = rng(i, 3);
            LocalDate riskStart = p.endDate(asOf).minusDays(90);
            boolean troubled = p.declining() || p.engagement() < 0.3;
            for (Object[] row : mrrMonths(p)) {
                LocalDate issued = (LocalDate) row[0];
                double failP = issued.isAfter(riskStart) && troubled ? 0.25 : 0.02;
                double u = r.nextDouble();
                String status;
                if (issued.plusDays(10).isAfter(asOf) && u < 0.5) status = "open";
                else if (u < failP) status = "failed";
                else if (u < failP + 0.01) status = "refunded";
                else status = "paid";
                LocalDate paid = status.equals("paid") || status.equals("refunded") ? issued.plusDays(r.nextInt(8)) : null;
                if (paid != null && paid.isAfter(asOf)) paid = asOf;
                sink.row(String.format(Locale.ROOT, "inv_%09d", ++n), p.id(), issued, row[2], status, paid);
            }
        }
    }

    private void events(RowSink sink) {
        long n = 0;
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            SplittableRandom r = rng(i, 4);
            LocalDate end = p.endDate(asOf);
            LocalDate created = p.createdAt().toLocalDate();
            LocalDate detailFrom = end.minusDays(119).isBefore(created) ? created : end.minusDays(119);
            // Sparse history before the detailed window: a few events a month.
            for (LocalDate d = created; d.isBefore(detailFrom); d = d.plusDays(7 + r.nextInt(8))) {
                n = event(sink, n, p, r, d, r.nextDouble() < 0.6 ? 0 : 2);
            }
            // The last 120 days in detail: active days, features and other events from engagement.
            int lastFeatures = (int) Math.round(p.engagement() * FEATURES.length * (0.85 + 0.3 * r.nextDouble()));
            for (LocalDate d = detailFrom; !d.isAfter(end); d = d.plusDays(1)) {
                long daysBefore = ChronoUnit.DAYS.between(d, end);
                double e = p.engagement();
                // Decliners were more engaged 30-120 days before the end, then dropped.
                if (p.declining()) e = daysBefore >= 28 ? Math.min(1, e + 0.45) : e * 0.7;
                double activeP = Math.min(0.97, 0.05 + e * 0.95);
                if (r.nextDouble() >= activeP) continue;
                n = event(sink, n, p, r, d, 0);
                if (r.nextDouble() < 0.4 && lastFeatures > 0) {
                    String f = FEATURES[r.nextInt(Math.min(FEATURES.length, Math.max(1, lastFeatures)))];
                    n = feature(sink, n, p, r, d, f);
                }
                if (r.nextDouble() < 0.25) n = event(sink, n, p, r, d, 2 + r.nextInt(3));
            }
        }
    }

    private long event(RowSink sink, long n, Profile p, SplittableRandom r, LocalDate day, int type) {
        LocalDateTime t = day.atTime(7 + r.nextInt(12), r.nextInt(60), r.nextInt(60));
        if (t.isBefore(p.createdAt())) t = p.createdAt();
        if (p.churnedAt() != null && t.isAfter(p.churnedAt())) t = p.churnedAt();
        String user = String.format(Locale.ROOT, "usr_%06d_%02d", p.index(), 1 + r.nextInt(p.users()));
        String feature = type == 1 ? FEATURES[r.nextInt(FEATURES.length)] : null;
        sink.row(n + 1, p.id(), user, ts(t), EVENT_TYPES[type], feature);
        return n + 1;
    }

    LocalDate launched(int f) {
        return f < 10 ? start.minusDays(30L * (10 - f)) : asOf.minusDays(40L + 45L * (f - 10));
    }

    private long feature(RowSink sink, long n, Profile p, SplittableRandom r, LocalDate day, String feature) {
        int f = java.util.Arrays.asList(FEATURES).indexOf(feature);
        if (day.isBefore(launched(f))) feature = FEATURES[f % 10]; // no use before launch
        LocalDateTime t = day.atTime(8 + r.nextInt(10), r.nextInt(60), r.nextInt(60));
        if (t.isBefore(p.createdAt())) t = p.createdAt();
        if (p.churnedAt() != null && t.isAfter(p.churnedAt())) t = p.churnedAt();
        String user = String.format(Locale.ROOT, "usr_%06d_%02d", p.index(), 1 + r.nextInt(p.users()));
        sink.row(n + 1, p.id(), user, ts(t), "feature_used", feature);
        return n + 1;
    }

    private void tickets(RowSink sink) {
        long n = 0;
        double[] rate = {2.5, 0.9, 0.3};
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            SplittableRandom r = rng(i, 5);
            LocalDate end = p.endDate(asOf);
            boolean troubled = p.declining() || p.engagement() < 0.3;
            for (LocalDate m = p.createdAt().toLocalDate(); !m.isAfter(end); m = m.plusDays(30)) {
                boolean recent = ChronoUnit.DAYS.between(m, end) < 60;
                double expected = rate[p.segment()] * (recent && troubled ? 3.0 : 1.0);
                int k = poisson(r, expected);
                for (int t = 0; t < k; t++) {
                    LocalDateTime created = m.atStartOfDay().plusSeconds(r.nextLong(30L * 86400));
                    if (created.toLocalDate().isAfter(end)) continue;
                    if (created.isBefore(p.createdAt())) created = p.createdAt();
                    int priority = pick(r, new double[]{0.3, 0.45, 0.18, 0.07});
                    int category = pick(r, new double[]{0.2, 0.3, 0.28, 0.15, 0.07});
                    boolean escalated = r.nextDouble() < (recent && troubled ? 0.3 : 0.08) + (priority == 3 ? 0.2 : 0);
                    double hours = (priority == 3 ? 4 : priority == 2 ? 12 : 30) * (0.3 + r.nextDouble() * 2);
                    LocalDateTime resolved = created.plusSeconds((long) (hours * 3600));
                    if (resolved.isAfter(asOf.plusDays(1).atStartOfDay()) || r.nextDouble() < 0.03) resolved = null;
                    Integer csat = null;
                    if (resolved != null && r.nextDouble() < 0.7) {
                        double base = recent && troubled ? 2.2 : 3.2 + p.engagement() * 1.6;
                        csat = (int) Math.max(1, Math.min(5, Math.round(base + r.nextGaussian() * 0.9)));
                    }
                    sink.row(String.format(Locale.ROOT, "tkt_%08d", ++n), p.id(), ts(created), resolved == null ? null : ts(resolved),
                            PRIORITIES[priority], CATEGORIES[category], escalated, csat);
                }
            }
        }
    }

    static int poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l && k < 100);
        return k - 1;
    }

    private void nps(RowSink sink) {
        long n = 0;
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            SplittableRandom r = rng(i, 6);
            LocalDate end = p.endDate(asOf);
            for (LocalDate d = p.createdAt().toLocalDate().plusDays(30 + r.nextInt(60)); !d.isAfter(end); d = d.plusDays(150 + r.nextInt(90))) {
                if (r.nextDouble() > 0.65) continue;
                boolean late = ChronoUnit.DAYS.between(d, end) < 120;
                double e = p.declining() && late ? p.engagement() * 0.6 : p.engagement();
                int score = (int) Math.max(0, Math.min(10, Math.round(3 + e * 7.4 + r.nextGaussian() * 1.3)));
                sink.row(String.format(Locale.ROOT, "nps_%08d", ++n), p.id(), ts(d.atTime(9 + r.nextInt(9), r.nextInt(60))), score);
            }
        }
    }

    private void journey(RowSink sink) {
        double[] reach = {1.0, 0.76, 0.52 / 0.76, 0.37 / 0.52, 0.24 / 0.37, 0.12 / 0.24};
        int[] delay = {0, 3, 15, 12, 45, 40};
        for (int i = 1; i <= spec.scale(); i++) {
            Profile p = profile(i);
            SplittableRandom r = rng(i, 7);
            LocalDateTime t = p.createdAt();
            double boost = 0.85 + 0.3 * p.engagement();
            for (int s = 0; s < STAGES.length; s++) {
                if (s > 0 && r.nextDouble() >= Math.min(1, reach[s] * boost)) break;
                if (s > 0) t = t.plusSeconds((long) ((delay[s] * (0.3 + r.nextDouble() * 1.4) + 0.2) * 86400));
                if (t.toLocalDate().isAfter(p.endDate(asOf))) break;
                sink.row(p.id(), STAGES[s], ts(t));
            }
        }
    }

    private void marketing(RowSink sink) {
        SplittableRandom r = new SplittableRandom(mix(spec.seed(), -7, 8));
        double scale = spec.scale() / 5000.0;
        double[] base = {2000, 30000, 12000, 25000, 4000, 15000};
        for (LocalDate m = start.withDayOfMonth(1); !m.isAfter(asOf); m = m.plusMonths(1)) {
            for (int ch = 0; ch < CHANNELS.length; ch++) {
                double spend = base[ch] * scale * (0.8 + 0.4 * r.nextDouble());
                sink.row(m, CHANNELS[ch], Math.round(spend * 100) / 100.0);
            }
        }
    }
}
