package io.clarion.briefing;

import static io.clarion.engine.PopulationReads.column;
import static io.clarion.engine.PopulationReads.readAll;

import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores every account in scope against the model's signals, each a certified metric query run
 * as of the service's reference date. Nothing here writes SQL: the catalog does.
 */
public final class RiskScoring {
    private final QueryService queries;

    public RiskScoring(QueryService queries) {
        this.queries = queries;
    }

    /** One signal that fired for an account, with the values that show it. */
    public record Evidence(String signal, String label, int points, Map<String, Object> values) {
        public Evidence {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    public record ScoredAccount(String customerId, String name, String ownerId, BigDecimal mrr, int points,
                                RiskLevel level, String driver, List<Evidence> evidence) {
        public ScoredAccount {
            evidence = List.copyOf(evidence);
            mrr = mrr == null ? BigDecimal.ZERO : mrr;
        }

        public boolean flagged() {
            return level != RiskLevel.LOW;
        }
    }

    /**
     * @param asOf            the reference date every signal was computed for
     * @param accountsInScope accounts the population query returned
     * @param scored          every account in scope (no signal: low risk, no evidence), riskiest first
     */
    public record Assessment(LocalDate asOf, int accountsInScope, List<ScoredAccount> scored) {
        public Assessment {
            scored = List.copyOf(scored);
        }

        public List<ScoredAccount> flagged() {
            return scored.stream().filter(ScoredAccount::flagged).toList();
        }
    }

    /** Riskiest first: level, then points, then MRR; ties by id so every run orders alike. */
    public static final Comparator<ScoredAccount> RISK_ORDER = Comparator
            .comparing(ScoredAccount::level, Comparator.reverseOrder())
            .thenComparing(ScoredAccount::points, Comparator.reverseOrder())
            .thenComparing(ScoredAccount::mrr, Comparator.reverseOrder())
            .thenComparing(ScoredAccount::customerId);

    public Assessment assess(RiskModel model) {
        return assess(model, line -> { });
    }

    /**
     * Runs the population and signal queries side by side (each is independent; the pool has room),
     * then scores; {@code progress} hears a line as each query finishes.
     */
    public Assessment assess(RiskModel model, java.util.function.Consumer<String> progress) {
        List<MetricQuery> all = new ArrayList<>();
        all.add(model.accounts());
        model.signals().forEach(sg -> all.add(sg.query()));
        List<QueryResult> results = runAll(all, model, progress);
        QueryResult accounts = results.get(0);
        int key = column(accounts, model.keyColumn(), "accounts");
        int name = column(accounts, model.nameColumn(), "accounts");
        int owner = column(accounts, model.ownerColumn(), "accounts");
        int mrr = column(accounts, model.mrrColumn(), "accounts");
        Map<String, List<Object>> inScope = new LinkedHashMap<>();
        for (List<Object> row : accounts.rows()) {
            Object id = row.get(key);
            if (id != null) inScope.put(id.toString(), row);
        }

        Map<String, List<Evidence>> fired = new LinkedHashMap<>();
        for (int k = 0; k < model.signals().size(); k++) {
            RiskModel.Signal signal = model.signals().get(k);
            QueryResult r = results.get(k + 1);
            List<Integer> evidence = new ArrayList<>();
            for (String e : signal.evidence()) evidence.add(column(r, e, "signal " + signal.name()));
            for (List<Object> row : r.rows()) {
                Object id = row.get(0);
                if (id == null || !inScope.containsKey(id.toString())) continue;
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < evidence.size(); i++) {
                    values.put(signal.evidence().get(i), plain(row.get(evidence.get(i))));
                }
                List<Evidence> list = fired.computeIfAbsent(id.toString(), x -> new ArrayList<>());
                // A signal query grouped finer than the account (e.g. by day) fires once per account.
                if (list.stream().noneMatch(ev -> ev.signal().equals(signal.name()))) {
                    list.add(new Evidence(signal.name(), signal.label(), signal.points(), values));
                }
            }
        }

        List<ScoredAccount> scored = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : inScope.entrySet()) {
            List<Object> row = e.getValue();
            List<Evidence> ev = fired.getOrDefault(e.getKey(), List.of());
            int points = ev.stream().mapToInt(Evidence::points).sum();
            scored.add(new ScoredAccount(e.getKey(), str(row.get(name)), str(row.get(owner)), decimal(row.get(mrr)),
                    points, RiskLevel.of(points, model.mediumPoints(), model.highPoints()), driver(model, ev), ev));
        }
        scored.sort(RISK_ORDER);
        return new Assessment(queries.referenceDate(), inScope.size(), scored);
    }

    /** The strongest signal's driver, and the next one's when two or more fired. */
    static String driver(RiskModel model, List<Evidence> evidence) {
        List<RiskModel.Signal> firedSignals = model.signals().stream()
                .filter(s -> evidence.stream().anyMatch(ev -> ev.signal().equals(s.name())))
                .sorted(Comparator.comparingInt(RiskModel.Signal::points).reversed())
                .toList();
        if (firedSignals.isEmpty()) return "";
        String first = firedSignals.get(0).driver();
        String lead = first.isEmpty() ? first : Character.toUpperCase(first.charAt(0)) + first.substring(1);
        return firedSignals.size() == 1 ? lead : lead + "; also " + firedSignals.get(1).driver();
    }

    private List<QueryResult> runAll(List<MetricQuery> all, RiskModel model, java.util.function.Consumer<String> progress) {
        List<java.util.function.Supplier<QueryResult>> reads = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String what = i == 0 ? "accounts" : "signal " + model.signals().get(i - 1).name();
            MetricQuery q = all.get(i);
            reads.add(() -> {
                QueryResult r = readAll(queries, q, what);
                progress.accept(String.format(java.util.Locale.ROOT, "%s: %,d rows in %,d ms", what, r.rowCount(), r.durationMs()));
                return r;
            });
        }
        return io.clarion.engine.SideBySide.run(reads, "risk-scoring");
    }

    /** Evidence values are stored as JSON: dates as ISO text, numbers and text as they are. */
    private static Object plain(Object v) {
        if (v instanceof TemporalAccessor || v instanceof java.util.Date) return v.toString();
        return v;
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }

    private static BigDecimal decimal(Object v) {
        if (v == null) return BigDecimal.ZERO;
        if (v instanceof BigDecimal b) return b;
        if (v instanceof Number n) return new BigDecimal(n.toString());
        return new BigDecimal(v.toString());
    }
}
