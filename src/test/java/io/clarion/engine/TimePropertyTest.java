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
 * Random valid queries over the demo catalog (dated, snapshot, ratio, cumulative and conversion members; 0-2 dimensions;
 * grains; absolute and relative periods; dimension filters), each answered by the engine and by a
 * deliberately naive evaluator here that reads the raw tables once and computes every definition
 * row by row in Java. A fixed seed and one random seed per run (printed, for replay with
 * -Dproperty.seed=N); a mismatch is shrunk to a minimal query and printed.
 */
class TimePropertyTest {
    static final int PER_SEED = Integer.getInteger("property.queries", 1000);
    static final LocalDate AS_OF = TestDatabase.DEMO.asOf();

    record Customer(String segment, String region, String plan, LocalDate created) {
    }

    record Invoice(String customer, String status, double amount, LocalDate issued) {
    }

    record Snapshot(String customer, LocalDate month, double mrr) {
    }

    record Ticket(String customer, LocalDate created, boolean escalated) {
    }

    /** A journey stage reached, at its time (conversion windows are measured in time, not days). */
    record Stage(String customer, String stage, java.time.LocalDateTime reached) {
    }

    static Map<String, Customer> customers = new HashMap<>();
    static List<Invoice> invoices = new ArrayList<>();
    static List<Snapshot> snapshots = new ArrayList<>();
    static List<Ticket> tickets = new ArrayList<>();
    static List<Stage> stages = new ArrayList<>();

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
            "mrr", "mrr.paying_customers", "support_tickets.ticket_count", "support_tickets.escalated_tickets", "escalation_rate",
            "revenue_year_to_date", "revenue_month_to_date", "revenue_trailing_12_months", "cumulative_customers",
            "signup_to_paid_conversion_rate_30_days", "signup_to_paid_conversions_30_days");
    /** Conversion metrics: signups dated in the period, converted when the same customer paid within 30 days after. */
    static final Set<String> CONVERSION = Set.of("signup_to_paid_conversion_rate_30_days", "signup_to_paid_conversions_30_days");
    /** Cumulative metrics: each period's value is its measure over the window ending where the period ends. */
    static final Set<String> CUMULATIVE = Set.of("revenue_year_to_date", "revenue_month_to_date", "revenue_trailing_12_months",
            "cumulative_customers");
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

    @Test
    void theReferenceTellsATrailingWindowFromThePeriodsOwnRows() throws Exception {
        // Trailing twelve months by month is not each month's revenue: the evaluator must see the difference.
        load();
        Q ttm = new Q(List.of("revenue_trailing_12_months"), List.of(), "month", "2025", null);
        Q monthly = new Q(List.of("revenue"), List.of(), "month", "2025", null);
        assertTrue(ResultComparison.mismatch(naive(monthly), naive(ttm), false).isPresent(), naive(ttm).toString());
        assertEquals(Optional.empty(), compare(DemoEngine.queries(), ttm));
    }

    @Test
    void theReferenceTellsAConversionWithinTheWindowFromAnyLaterPayment() throws Exception {
        // Signups of 2025 that ever paid are more than those that paid within 30 days: the evaluator must count only the latter.
        load();
        Q q = new Q(List.of("signup_to_paid_conversions_30_days"), List.of(), null, "2025", null);
        Set<String> everPaid = new HashSet<>();
        for (Stage st : stages) if (st.stage().equals("paid")) everPaid.add(st.customer());
        long anyTime = stages.stream().filter(st -> st.stage().equals("signup") && st.reached().getYear() == 2025
                && everPaid.contains(st.customer())).count();
        List<List<Object>> reference = naive(q);
        assertTrue(ResultComparison.mismatch(List.of(List.of((Object) (double) anyTime)), reference, false).isPresent(), reference.toString());
        assertEquals(Optional.empty(), compare(DemoEngine.queries(), q));
    }

    /**
     * Identities between windows and plain metrics, on random dimensions, regions and periods: a
     * trailing window of one grain (and month to date by month) is the plain metric by that grain
     * over a range aligned to the grain, and a running total at its last period is the all-time total.
     */
    @Test
    void windowsOfOneGrainAndRunningTotalsAgreeWithPlainMetrics() throws Exception {
        load();
        QueryService engine = windowsEngine();
        long random = Long.getLong("property.seed", new Random().nextLong());
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        for (long seed : new long[]{20261205L, random}) {
            Random r = new Random(seed);
            for (int i = 0; i < Math.max(20, PER_SEED / 10); i++) {
                Q base = generate(r);
                String grain = GRAINS.get(r.nextInt(2)); // month or quarter
                String period = base.period();
                LocalDate[] range = range(period);
                boolean aligned = range == null || (bucket(range[0], grain).equals(range[0]) && bucket(range[1], grain).equals(range[1]));
                String window = grain.equals("month") ? (r.nextBoolean() ? "revenue_trailing_1_month" : "revenue_month_to_date")
                        : "revenue_trailing_1_quarter";
                // Month to date ends where the range ends (today), as the plain month does: only its start must be aligned.
                if (!aligned && !(window.equals("revenue_month_to_date") && bucket(range[0], grain).equals(range[0]))) period = null;
                Q plain = new Q(List.of("revenue"), base.dims(), grain, period, base.region());
                Q windowed = new Q(List.of(window), base.dims(), grain, period, base.region());
                checked++;
                identity(engine, plain, windowed, false).ifPresent(d -> mismatches.add(windowed.json() + " vs " + plain.json() + " -> " + d));

                String running = r.nextBoolean() ? "revenue_running_total" : "cumulative_customers";
                String total = running.equals("revenue_running_total") ? "revenue" : "customers.new_customer_count";
                Q all = new Q(List.of(total), base.dims(), null, null, base.region());
                Q toDate = new Q(List.of(running), base.dims(), GRAINS.get(r.nextInt(GRAINS.size())), null, base.region());
                checked++;
                identity(engine, all, toDate, true).ifPresent(d -> mismatches.add(toDate.json() + " at its last period vs " + all.json() + " -> " + d));
                if (mismatches.size() >= 10) break;
            }
        }
        System.out.println("window identities: " + checked + " query pairs checked, " + mismatches.size() + " mismatches");
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        assertEquals(List.of(), mismatches);
    }

    /** The demo catalog with the windows of catalogs/demo-windows beside it, on the demo data. */
    static QueryService windowsEngine() throws Exception {
        List<java.nio.file.Path> files = new ArrayList<>();
        try (var s = java.nio.file.Files.list(DemoEngine.projectDir().resolve("semantic"))) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        files.add(DemoEngine.projectDir().resolve("src/test/resources/catalogs/demo-windows/windows.yml"));
        io.clarion.catalog.CatalogLoader.LoadResult r = io.clarion.catalog.CatalogLoader.load(files);
        assertTrue(r.ok(), r.report());
        QueryService demo = DemoEngine.queries();
        return new QueryService(r.catalog(), TestDatabase.demo(), io.clarion.sql.PostgresDialect.INSTANCE, demo::referenceDate, 10_000,
                java.time.Duration.ofSeconds(120));
    }

    /** Whether {@code windowed} answers as {@code plain}; with {@code lastPeriod}, its rows of the last period without the time column. */
    static Optional<String> identity(QueryService engine, Q plain, Q windowed, boolean lastPeriod) {
        try {
            List<List<Object>> expected = engine.run(QueryParser.parse(plain.json()), new QueryService.Options(false)).result().rows();
            List<List<Object>> answer = engine.run(QueryParser.parse(windowed.json()), new QueryService.Options(false)).result().rows();
            if (lastPeriod) {
                int t = windowed.dims().size(); // the time column follows the dimensions
                Object last = answer.stream().map(row -> row.get(t)).max((a, b) -> a.toString().compareTo(b.toString())).orElse(null);
                List<List<Object>> atLast = new ArrayList<>();
                for (List<Object> row : answer) {
                    if (!row.get(t).equals(last)) continue;
                    List<Object> x = new ArrayList<>(row);
                    x.remove(t);
                    atLast.add(x);
                }
                answer = atLast;
            }
            return ResultComparison.mismatch(expected, answer, false);
        } catch (RuntimeException e) {
            return Optional.of("engine failed: " + e.getMessage());
        }
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
        for (String m : q.metrics()) {
            if (CUMULATIVE.contains(m)) byCube.put(cubeOf(m), cumulative(q, m));
            if (CONVERSION.contains(m)) byCube.put(cubeOf(m), conversions(q));
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
                    case "revenue_year_to_date", "revenue_month_to_date", "revenue_trailing_12_months" -> a == null ? null : (Object) a[0];
                    case "cumulative_customers" -> a == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) a[0];
                    case "signup_to_paid_conversion_rate_30_days" -> a == null || a[0] == 0 ? null : (Object) (a[1] / a[0]);
                    case "signup_to_paid_conversions_30_days" -> a == null ? (multi || k.isEmpty() ? 0.0 : null) : (Object) a[1];
                    default -> throw new IllegalStateException(m);
                };
                row.add(v);
            }
            rows.add(row);
        }
        return rows;
    }

    static String cubeOf(String metric) {
        if (CUMULATIVE.contains(metric)) return "window:" + metric; // a leaf of its own: its window sets its rows
        if (CONVERSION.contains(metric)) return "conversion";
        return switch (metric) {
            case "revenue" -> "invoices";
            case "mrr" -> "mrr";
            case "escalation_rate" -> "support_tickets";
            default -> metric.substring(0, metric.indexOf('.'));
        };
    }

    /** The first day of the metric's window that ends (exclusive) at {@code end}; null for all time. */
    static LocalDate windowStart(String metric, LocalDate end) {
        LocalDate last = end.minusDays(1);
        return switch (metric) {
            case "revenue_year_to_date" -> LocalDate.of(last.getYear(), 1, 1);
            case "revenue_month_to_date" -> last.withDayOfMonth(1);
            case "revenue_trailing_12_months" -> end.minusMonths(12);
            default -> null;
        };
    }

    static LocalDate next(LocalDate period, String grain) {
        return switch (grain) {
            case "month" -> period.plusMonths(1);
            case "quarter" -> period.plusMonths(3);
            default -> period.plusYears(1);
        };
    }

    /**
     * A cumulative metric the slow way: list the periods (the range's, else every period from the
     * cube's first row to its last), and for each one add up every row whose date is in the window
     * that ends where the period ends (the range's end at the latest; today without a grain or range).
     */
    static Map<List<Object>, double[]> cumulative(Q q, String metric) {
        boolean customersCube = metric.equals("cumulative_customers");
        List<Object[]> rows = new ArrayList<>(); // {customer, date, value}
        if (customersCube) {
            customers.forEach((id, c) -> rows.add(new Object[]{id, c.created(), 1.0}));
        } else {
            for (Invoice i : invoices) rows.add(new Object[]{i.customer(), i.issued(), i.status().equals("paid") ? i.amount() : null});
        }
        LocalDate[] r = range(q.period());
        List<LocalDate[]> periods = new ArrayList<>(); // {label, end}
        if (q.grain() == null) {
            periods.add(new LocalDate[]{null, r != null ? r[1] : AS_OF.plusDays(1)});
        } else {
            LocalDate first = r != null ? r[0] : rows.stream().map(x -> (LocalDate) x[1]).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = r != null ? r[1].minusDays(1) : rows.stream().map(x -> (LocalDate) x[1]).max(LocalDate::compareTo).orElseThrow();
            for (LocalDate p = bucket(first, q.grain()); !p.isAfter(bucket(last, q.grain())); p = next(p, q.grain())) {
                LocalDate end = next(p, q.grain());
                periods.add(new LocalDate[]{p, r != null && r[1].isBefore(end) ? r[1] : end});
            }
        }
        Map<List<Object>, double[]> g = new LinkedHashMap<>();
        for (LocalDate[] period : periods) {
            LocalDate start = windowStart(metric, period[1]);
            for (Object[] row : rows) {
                LocalDate d = (LocalDate) row[1];
                if (row[2] == null || !d.isBefore(period[1]) || (start != null && d.isBefore(start))) continue;
                String customer = (String) row[0];
                Customer c = customers.get(customer);
                if (q.region() != null && (c == null || !q.region().equals(c.region()))) continue;
                List<Object> k = key(q, customer, d);
                if (period[0] != null) k.set(k.size() - 1, period[0]);
                g.computeIfAbsent(k, x -> new double[]{0})[0] += (Double) row[2];
            }
        }
        return g;
    }

    /**
     * Conversions the slow way: every signup stage whose date is kept, grouped by its customer and
     * date; {signups, converted}, counted per customer, where a signup converted when the same
     * customer reached the paid stage at or after the signup and less than 30 days after it.
     */
    static Map<List<Object>, double[]> conversions(Q q) {
        Map<String, java.time.LocalDateTime> paid = new HashMap<>();
        for (Stage st : stages) if (st.stage().equals("paid")) paid.put(st.customer(), st.reached());
        Map<List<Object>, Set<String>> signed = new LinkedHashMap<>();
        Map<List<Object>, Set<String>> converted = new HashMap<>();
        for (Stage st : stages) {
            if (!st.stage().equals("signup") || !keep(q, st.customer(), st.reached().toLocalDate())) continue;
            List<Object> k = key(q, st.customer(), st.reached().toLocalDate());
            signed.computeIfAbsent(k, x -> new HashSet<>()).add(st.customer());
            java.time.LocalDateTime p = paid.get(st.customer());
            if (p != null && !p.isBefore(st.reached()) && p.isBefore(st.reached().plusDays(30))) {
                converted.computeIfAbsent(k, x -> new HashSet<>()).add(st.customer());
            }
        }
        Map<List<Object>, double[]> g = new LinkedHashMap<>();
        signed.forEach((k, v) -> g.put(k, new double[]{v.size(), converted.getOrDefault(k, Set.of()).size()}));
        return g;
    }

    static void load() throws Exception {
        if (!customers.isEmpty()) return;
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT customer_id, segment, region, plan, created_at FROM customers")) {
                while (rs.next()) customers.put(rs.getString(1), new Customer(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime().toLocalDate()));
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
            try (ResultSet rs = s.executeQuery("SELECT customer_id, stage, reached_at FROM journey_events")) {
                while (rs.next()) stages.add(new Stage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime()));
            }
        }
    }
}
