package io.clarion.engine;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random valid queries over the demo catalog (dated, snapshot and ratio members; 0-2 dimensions;
 * grains; absolute and relative periods; dimension filters), each answered by the engine and by a
 * deliberately naive evaluator here that reads the raw tables once and computes every definition
 * row by row in Java. A fixed seed and one random seed per run (printed, for replay with
 * -Dproperty.seed=N); a mismatch is shrunk to a minimal query and printed.
 */
class TimePropertyTest {
    static final int PER_SEED = Integer.getInteger("property.queries", 1000);
    static final LocalDate AS_OF = TestDatabase.DEMO.asOf();

    record Customer(String segment, String region, String plan) {
    }

    record Invoice(String customer, String status, double amount, LocalDate issued) {
    }

    record Snapshot(String customer, LocalDate month, double mrr) {
    }

    record Ticket(String customer, LocalDate created, boolean escalated) {
    }

    static Map<String, Customer> customers = new HashMap<>();
    static List<Invoice> invoices = new ArrayList<>();
    static List<Snapshot> snapshots = new ArrayList<>();
    static List<Ticket> tickets = new ArrayList<>();

    /** A generated query: metrics, dimensions (customer attributes), an optional grain, period and region filter. */
    record Q(List<String> metrics, List<String> dims, String grain, String period, String region) {
        String json() {
            StringBuilder sb = new StringBuilder("{\"metrics\": [");
            sb.append(String.join(", ", metrics.stream().map(m -> "\"" + m + "\"").toList())).append("], \"dimensions\": [");
            List<String> all = new ArrayList<>(dims.stream().map(d -> "customers." + d).toList());
            if (grain != null) all.add("metric_time." + grain);
            sb.append(String.join(", ", all.stream().map(d -> "\"" + d + "\"").toList())).append("], \"filters\": [");
            List<String> fs = new ArrayList<>();
            if (period != null) fs.add("{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"" + period + "\"}");
            if (region != null) fs.add("{\"dimension\": \"customers.region\", \"operator\": \"equals\", \"value\": \"" + region + "\"}");
            return sb.append(String.join(", ", fs)).append("]}").toString();
        }
    }

    static final List<String> METRICS = List.of("invoices.revenue", "revenue", "invoices.invoice_count", "invoices.failed_payments",
            "mrr", "mrr.paying_customers", "support_tickets.ticket_count", "support_tickets.escalated_tickets", "escalation_rate");
    static final List<String> DIMS = List.of("segment", "region", "plan");
    static final List<String> GRAINS = List.of("month", "quarter", "year");
    static final List<String> PERIODS = List.of("2024", "2025", "2025-03", "2024-11", "2025-Q2", "2024-Q4", "last quarter", "last year",
            "last 6 calendar months");
    static final List<String> REGIONS = List.of("EMEA", "North America", "APAC", "LATAM");

    @Test
    void randomQueriesAgreeWithANaiveEvaluator() throws Exception {
        load();
        QueryService engine = DemoEngine.queries();
        long random = Long.getLong("property.seed", new Random().nextLong());
        System.out.println("property test seeds: 20261204 and " + random + " (replay one with -Dproperty.seed=" + random + ")");
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        for (long seed : new long[]{20261204L, random}) {
            Random r = new Random(seed);
            for (int i = 0; i < PER_SEED; i++) {
                Q q = generate(r);
                checked++;
                Optional<String> diff = compare(engine, q);
                if (diff.isPresent()) {
                    Q min = shrink(engine, q);
                    mismatches.add(min.json() + " -> " + compare(engine, min).orElse(diff.get()));
                    if (mismatches.size() >= 10) break;
                }
            }
        }
        System.out.println("property test: " + checked + " generated queries checked, " + mismatches.size() + " mismatches");
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        assertEquals(List.of(), mismatches);
    }

    @Test
    void theReferenceTellsASummedSnapshotFromTheMonthEndValue() throws Exception {
        // The evaluator must be able to fail: MRR in 2025 summed over its twelve months (the old answer) is not it.
        load();
        Q q = new Q(List.of("mrr"), List.of(), null, "2025", null);
        double summed = snapshots.stream().filter(s -> s.month().getYear() == 2025).mapToDouble(Snapshot::mrr).sum();
        List<List<Object>> reference = naive(q);
        assertTrue(ResultComparison.mismatch(List.of(List.of((Object) summed)), reference, false).isPresent(), reference.toString());
        assertEquals(Optional.empty(), compare(DemoEngine.queries(), q));
    }

    static Q generate(Random r) {
        List<String> ms = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        while (ms.size() < n) {
            String m = METRICS.get(r.nextInt(METRICS.size()));
            if (!ms.contains(m)) ms.add(m);
        }
        List<String> ds = new ArrayList<>();
        int k = r.nextInt(3);
        while (ds.size() < k) {
            String d = DIMS.get(r.nextInt(DIMS.size()));
            if (!ds.contains(d)) ds.add(d);
        }
        String grain = r.nextInt(3) == 0 ? GRAINS.get(r.nextInt(GRAINS.size())) : null;
        String period = r.nextInt(4) == 0 ? null : PERIODS.get(r.nextInt(PERIODS.size()));
        String region = r.nextInt(4) == 0 ? REGIONS.get(r.nextInt(REGIONS.size())) : null;
        return new Q(ms, ds, grain, period, region);
    }

    static Optional<String> compare(QueryService engine, Q q) {
        List<List<Object>> answer;
        try {
            answer = engine.run(QueryParser.parse(q.json()), new QueryService.Options(false)).result().rows();
        } catch (RuntimeException e) {
            return Optional.of("engine failed: " + e.getMessage());
        }
        return ResultComparison.mismatch(naive(q), answer, false);
    }

    /** Drop metrics, dimensions, the grain and filters one at a time while the mismatch stays. */
    static Q shrink(QueryService engine, Q q) {
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            List<Q> candidates = new ArrayList<>();
            for (String m : q.metrics()) {
                if (q.metrics().size() > 1) {
                    List<String> ms = new ArrayList<>(q.metrics());
                    ms.remove(m);
                    candidates.add(new Q(ms, q.dims(), q.grain(), q.period(), q.region()));
                }
            }
            for (String d : q.dims()) {
                List<String> ds = new ArrayList<>(q.dims());
                ds.remove(d);
                candidates.add(new Q(q.metrics(), ds, q.grain(), q.period(), q.region()));
            }
            if (q.grain() != null) candidates.add(new Q(q.metrics(), q.dims(), null, q.period(), q.region()));
            if (q.period() != null) candidates.add(new Q(q.metrics(), q.dims(), q.grain(), null, q.region()));
            if (q.region() != null) candidates.add(new Q(q.metrics(), q.dims(), q.grain(), q.period(), null));
            for (Q c : candidates) {
                if (compare(engine, c).isPresent()) {
                    q = c;
                    smaller = true;
                    break;
                }
            }
        }
        return q;
    }

    // ---- the naive evaluator ---------------------------------------------------------------

    /** [from, until) of a period phrase, computed the slow, obvious way. */
    static LocalDate[] range(String p) {
        if (p == null) return null;
        LocalDate thisQuarter = LocalDate.of(AS_OF.getYear(), (AS_OF.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
        return switch (p) {
            case "last quarter" -> new LocalDate[]{thisQuarter.minusMonths(3), thisQuarter};
            case "last year" -> new LocalDate[]{LocalDate.of(AS_OF.getYear() - 1, 1, 1), LocalDate.of(AS_OF.getYear(), 1, 1)};
            case "last 6 calendar months" -> new LocalDate[]{AS_OF.withDayOfMonth(1).minusMonths(5), AS_OF.plusDays(1)};
            default -> {
                if (p.contains("-Q")) {
                    LocalDate s = LocalDate.of(Integer.parseInt(p.substring(0, 4)), (p.charAt(6) - '1') * 3 + 1, 1);
                    yield new LocalDate[]{s, s.plusMonths(3)};
                }
                if (p.length() == 7) {
                    LocalDate s = LocalDate.parse(p + "-01");
                    yield new LocalDate[]{s, s.plusMonths(1)};
                }
                LocalDate s = LocalDate.of(Integer.parseInt(p), 1, 1);
                yield new LocalDate[]{s, s.plusYears(1)};
            }
        };
    }

    static LocalDate bucket(LocalDate d, String grain) {
        return switch (grain) {
            case "month" -> d.withDayOfMonth(1);
            case "quarter" -> LocalDate.of(d.getYear(), (d.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
            default -> LocalDate.of(d.getYear(), 1, 1);
        };
    }

    static List<Object> key(Q q, String customer, LocalDate date) {
        Customer c = customers.get(customer);
        List<Object> k = new ArrayList<>();
        for (String d : q.dims()) {
            k.add(c == null ? null : switch (d) {
                case "segment" -> c.segment();
                case "region" -> c.region();
                default -> c.plan();
            });
        }
        if (q.grain() != null) k.add(bucket(date, q.grain()));
        return k;
    }

    static boolean keep(Q q, String customer, LocalDate date) {
        LocalDate[] r = range(q.period());
        if (r != null && (date.isBefore(r[0]) || !date.isBefore(r[1]))) return false;
        if (q.region() == null) return true;
        Customer c = customers.get(customer);
        return c != null && q.region().equals(c.region());
    }

    static List<List<Object>> naive(Q q) {
        // Per cube, the groups its rows fall in and the running values of its measures, as the catalog defines them.
        Set<List<Object>> keys = new java.util.LinkedHashSet<>();
        Set<String> cubes = new HashSet<>();
        for (String m : q.metrics()) cubes.add(cubeOf(m));
        boolean multi = cubes.size() > 1;

        Map<String, Map<List<Object>, double[]>> byCube = new HashMap<>();
        Map<String, Map<List<Object>, Set<String>>> distinct = new HashMap<>();
        if (cubes.contains("invoices")) {
            boolean allFiltered = q.metrics().stream().filter(m -> cubeOf(m).equals("invoices")).noneMatch(m -> m.equals("invoices.invoice_count"));
            Set<String> wanted = new HashSet<>(q.metrics());
            Map<List<Object>, double[]> g = new LinkedHashMap<>();
            for (Invoice i : invoices) {
                if (!keep(q, i.customer(), i.issued())) continue;
                boolean paid = i.status().equals("paid");
                boolean failed = i.status().equals("failed");
                if (allFiltered && !((paid && (wanted.contains("revenue") || wanted.contains("invoices.revenue")))
                        || (failed && wanted.contains("invoices.failed_payments")))) continue;
                double[] a = g.computeIfAbsent(key(q, i.customer(), i.issued()), x -> new double[]{0, 0, 0, 0});
                if (paid) { a[0] += i.amount(); a[3]++; }
                a[1]++;
                if (failed) a[2]++;
            }
            byCube.put("invoices", g);
        }
        if (cubes.contains("mrr")) {
            // The snapshot rule: only rows at the last month of each period (of the grain, else the whole range) count.
            LocalDate[] r = range(q.period());
            Map<Object, LocalDate> last = new HashMap<>();
            for (Snapshot s : snapshots) {
                if (r != null && (s.month().isBefore(r[0]) || !s.month().isBefore(r[1]))) continue;
                Object b = q.grain() == null ? "all" : bucket(s.month(), q.grain());
                last.merge(b, s.month(), (x, y) -> x.isAfter(y) ? x : y);
            }
            Map<List<Object>, double[]> g = new LinkedHashMap<>();
            Map<List<Object>, Set<String>> ds = new HashMap<>();
            for (Snapshot s : snapshots) {
                if (!keep(q, s.customer(), s.month())) continue;
                Object b = q.grain() == null ? "all" : bucket(s.month(), q.grain());
                if (!s.month().equals(last.get(b))) continue;
                List<Object> k = key(q, s.customer(), s.month());
                g.computeIfAbsent(k, x -> new double[]{0})[0] += s.mrr();
                ds.computeIfAbsent(k, x -> new HashSet<>()).add(s.customer());
            }
            byCube.put("mrr", g);
            distinct.put("mrr", ds);
        }
        if (cubes.contains("support_tickets")) {
            boolean allFiltered = q.metrics().stream().filter(m -> cubeOf(m).equals("support_tickets"))
                    .allMatch(m -> m.equals("support_tickets.escalated_tickets"));
            Map<List<Object>, double[]> g = new LinkedHashMap<>();
            for (Ticket t : tickets) {
                if (!keep(q, t.customer(), t.created())) continue;
                if (allFiltered && !t.escalated()) continue;
                double[] a = g.computeIfAbsent(key(q, t.customer(), t.created()), x -> new double[]{0, 0});
                a[0]++;
                if (t.escalated()) a[1]++;
            }
            byCube.put("support_tickets", g);
        }
        for (Map<List<Object>, double[]> g : byCube.values()) keys.addAll(g.keySet());
        if (keys.isEmpty() && q.dims().isEmpty() && q.grain() == null) keys.add(List.of());
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> k : keys) {
            List<Object> row = new ArrayList<>(k);
            for (String m : q.metrics()) {
                double[] a = byCube.get(cubeOf(m)).get(k);
                Object v = switch (m) {
                    case "invoices.revenue", "revenue" -> a == null || a[3] == 0 ? null : (Object) a[0];
                    case "invoices.invoice_count" -> a == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) a[1];
                    case "invoices.failed_payments" -> a == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) a[2];
                    case "mrr" -> a == null ? null : (Object) a[0];
                    case "mrr.paying_customers" -> {
                        Set<String> s = distinct.get("mrr").get(k);
                        yield s == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) (double) s.size();
                    }
                    case "support_tickets.ticket_count" -> a == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) a[0];
                    case "support_tickets.escalated_tickets" -> a == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) a[1];
                    case "escalation_rate" -> a == null || a[0] == 0 ? null : (Object) (a[1] / a[0]);
                    default -> throw new IllegalStateException(m);
                };
                row.add(v);
            }
            rows.add(row);
        }
        return rows;
    }

    static String cubeOf(String metric) {
        return switch (metric) {
            case "revenue" -> "invoices";
            case "mrr" -> "mrr";
            case "escalation_rate" -> "support_tickets";
            default -> metric.substring(0, metric.indexOf('.'));
        };
    }

    static void load() throws Exception {
        if (!customers.isEmpty()) return;
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT customer_id, segment, region, plan FROM customers")) {
                while (rs.next()) customers.put(rs.getString(1), new Customer(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            try (ResultSet rs = s.executeQuery("SELECT customer_id, status, amount, issued_at FROM invoices")) {
                while (rs.next()) invoices.add(new Invoice(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getTimestamp(4).toLocalDateTime().toLocalDate()));
            }
            try (ResultSet rs = s.executeQuery("SELECT customer_id, month, mrr FROM mrr_snapshots")) {
                while (rs.next()) snapshots.add(new Snapshot(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDouble(3)));
            }
            try (ResultSet rs = s.executeQuery("SELECT customer_id, created_at, escalated FROM support_tickets")) {
                while (rs.next()) tickets.add(new Ticket(rs.getString(1), rs.getTimestamp(2).toLocalDateTime().toLocalDate(), rs.getBoolean(3)));
            }
        }
    }
}
