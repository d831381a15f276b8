package io.clarion.engine;

import io.clarion.store.AppSecrets;
import io.clarion.warehouse.QueryExecutor;
import io.clarion.warehouse.QueryResult;

import io.clarion.catalog.model.Catalog;
import io.clarion.plan.Plan;
import io.clarion.plan.Planner;
import io.clarion.catalog.model.AccessPolicy;
import io.clarion.governance.policy.Access;
import io.clarion.query.MetricQuery;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.QueryValidator;
import io.clarion.query.ResolvedQuery;
import io.clarion.sql.CompiledSql;
import io.clarion.sql.Dialect;
import io.clarion.sql.SqlRenderer;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs a metric query through every stage: validate against the catalog, plan, render SQL,
 * execute. Each stage's output is kept ({@link Compiled}) so callers can explain an answer.
 */
public final class QueryService {
    public static final int DEFAULT_LIMIT = 1000;

    private final Catalog catalog;
    private final QueryValidator validator;
    private final Planner planner;
    private final SqlRenderer renderer;
    private final QueryExecutor executor;
    private final Supplier<LocalDate> referenceDate;
    private final KeyProofs keys;
    private final int maxLimit;
    private final Access access;
    private final Dialect dialect;
    private final Supplier<String> maskKey;
    private final Rollups rollups;
    private final Reads reads;

    /**
     * Answers some compiled queries from a read already made (one query shared by many
     * principals, split by the attribute their rows are filtered on); empty: the query runs.
     */
    @FunctionalInterface
    public interface Reads {
        /**
         * The rows of {@code q}, validated and planned for its principal, read when it runs: the
         * supplier gives them, or null when the query must run as the principal after all. Empty:
         * it runs as usual.
         */
        java.util.Optional<Supplier<QueryResult>> read(MetricQuery q, ResolvedQuery resolved, Plan plan, List<QueryResult.Column> columns);
    }

    /**
     * Per-call policy: certified members only (chat, briefings) or not, and the most rows a query
     * may ask for (0: the configured hard cap).
     */
    public record Options(boolean certifiedOnly, int maxRows, Access access) {
        public static final Options DEFAULT = new Options(false);

        /** {@code access} null: the service's own (see {@link QueryService#as}). */
        public Options(boolean certifiedOnly) {
            this(certifiedOnly, 0, null);
        }

        public Options(boolean certifiedOnly, int maxRows) {
            this(certifiedOnly, maxRows, null);
        }

        /** Certified members, with room for in-process jobs (briefings, backtests) that read whole populations. */
        public static Options job(int maxRows) {
            return new Options(true, maxRows);
        }

        /**
         * A caller of the query API or CLI: certified members unless the query asks for
         * {@code "certified_only": false}, which needs the uncertified privilege.
         */
        public static Options caller(Access access, MetricQuery q) {
            return new Options(!Boolean.FALSE.equals(q.certifiedOnly()), 0, access);
        }

    }

    /**
     * Every stage's output for one query. {@code sql} is what runs: over a rollup in the app store
     * when {@code rollup} names one that served, else over the warehouse ({@code rawSql}).
     * {@code shared}: where the rows come from a read shared with other principals (see
     * {@link Reads}); its SQL is rendered only if the principal's own query must run after all.
     */
    public record Compiled(MetricQuery query, ResolvedQuery resolved, Plan plan, CompiledSql sql,
                           List<QueryResult.Column> columns, Rollups.Route rollup, CompiledSql rawSql, Supplier<QueryResult> shared) {
        static final CompiledSql NOT_RENDERED = new CompiledSql("-- read once for several principals, split by their row filter", List.of());

        public Compiled(MetricQuery query, ResolvedQuery resolved, Plan plan, CompiledSql sql, List<QueryResult.Column> columns) {
            this(query, resolved, plan, sql, columns, Rollups.Route.NONE, sql, null);
        }

        public Compiled(MetricQuery query, ResolvedQuery resolved, Plan plan, CompiledSql sql, List<QueryResult.Column> columns,
                        Rollups.Route rollup, CompiledSql rawSql) {
            this(query, resolved, plan, sql, columns, rollup, rawSql, null);
        }

        public boolean fromRollup() {
            return rollup.served() != null;
        }
    }

    public record Outcome(Compiled compiled, QueryResult result) {
    }

    public QueryService(Catalog catalog, DataSource dataSource, Dialect dialect, Supplier<LocalDate> referenceDate,
                        int maxLimit, Duration timeout) {
        this(catalog, dataSource, dialect, referenceDate, maxLimit, timeout, AppSecrets.maskKey(dataSource));
    }

    /** {@code maskKey} keys the pseudonyms of masked PII; instances sharing a store share it. */
    public QueryService(Catalog catalog, DataSource dataSource, Dialect dialect, Supplier<LocalDate> referenceDate,
                        int maxLimit, Duration timeout, Supplier<String> maskKey) {
        this(catalog, new QueryValidator(catalog), new Planner(catalog), new SqlRenderer(catalog, dialect, maskKey),
                new QueryExecutor(dataSource, timeout, dialect.queryTransactionSettings()), referenceDate, maxLimit, Access.FULL,
                dialect, maskKey, null, new KeyProofs(dataSource, timeout), null);
    }

    private QueryService(Catalog catalog, QueryValidator validator, Planner planner, SqlRenderer renderer,
                         QueryExecutor executor, Supplier<LocalDate> referenceDate, int maxLimit, Access access,
                         Dialect dialect, Supplier<String> maskKey, Rollups rollups, KeyProofs keys, Reads reads) {
        this.keys = keys;
        this.reads = reads;
        this.dialect = dialect;
        this.maskKey = maskKey;
        this.rollups = rollups;
        this.catalog = catalog;
        this.validator = validator;
        this.planner = planner;
        this.renderer = renderer;
        this.executor = executor;
        this.referenceDate = referenceDate;
        this.maxLimit = maxLimit;
        this.access = access;
    }

    /**
     * The same service answering for one principal: every query it runs is checked and
     * rewritten for {@code a} unless the call's options name another access.
     */
    public QueryService as(Access a) {
        return new QueryService(catalog, validator, planner, renderer, executor, referenceDate, maxLimit, a, dialect, maskKey, rollups, keys, reads);
    }

    /** The same service answering from {@code r}'s rollups where one answers exactly (null: never). */
    public QueryService withRollups(Rollups r) {
        return new QueryService(catalog, validator, planner, renderer, executor, referenceDate, maxLimit, access, dialect, maskKey, r, keys, reads);
    }

    /** The rollups this service reads, if any. */
    public java.util.Optional<Rollups> rollups() {
        return java.util.Optional.ofNullable(rollups);
    }

    /** The same warehouse, reference date and limits over another catalog, as the system, without rollups. */
    QueryService onCatalog(Catalog c) {
        return new QueryService(c, new QueryValidator(c), new Planner(c), new SqlRenderer(c, dialect, maskKey), executor,
                referenceDate, maxLimit, Access.FULL, dialect, maskKey, null, keys, null);
    }

    /** The same service answering from {@code r} where it has the rows (null: every query runs). */
    public QueryService readingThrough(Reads r) {
        return new QueryService(catalog, validator, planner, renderer, executor, referenceDate, maxLimit, access, dialect, maskKey, rollups, keys, r);
    }

    /** Whose access queries run with when options do not say. */
    public Access access() {
        return access;
    }

    /** The same service answering as of another date (backtests replay past weeks with it). */
    public QueryService withReferenceDate(LocalDate date) {
        return new QueryService(catalog, validator, planner, renderer, executor, () -> date, maxLimit, access, dialect, maskKey, rollups, keys, reads);
    }

    public Catalog catalog() {
        return catalog;
    }

    public LocalDate referenceDate() {
        return referenceDate.get();
    }

    /** Why the reference date meant to be used could not be read (relative dates are then refused), or null. */
    public String referenceDateProblem() {
        return referenceDate instanceof ReferenceDate r ? r.problem() : null;
    }

    /** Where the reference date comes from, for answers and the API ("the catalog's reference_date", "today: ..."). */
    public String referenceDateSource() {
        return referenceDate instanceof ReferenceDate r ? r.source() : "given for this run";
    }

    public int maxLimit() {
        return maxLimit;
    }

    /** What {@code p} may see under this catalog's access policy. */
    public Access access(Principal p) {
        return Access.of(catalog, p);
    }

    /** Validates, plans and renders; throws QueryException with every problem found. */
    public Compiled compile(MetricQuery q, Options options) {
        java.util.Optional<Integer> periods = PeriodUnion.find(q);
        if (periods.isPresent()) return PeriodUnion.compile(q, periods.get(), part -> compile(part, options), renderer::render, dialect);
        Access access = options.access() != null ? options.access() : this.access;
        if (Boolean.FALSE.equals(q.certifiedOnly()) && !access.has(AccessPolicy.Privilege.UNCERTIFIED)) {
            throw new QueryException(QueryCode.UNCERTIFIED_NOT_ALLOWED.at("certified_only", access.principal().describe()
                    + " may query certified members only; \"certified_only\": false needs the uncertified privilege"));
        }
        int cap = options.maxRows() > 0 ? options.maxRows() : maxLimit;
        ResolvedQuery resolved = validator.validate(q, new QueryValidator.Options(referenceDate.get(),
                Math.min(DEFAULT_LIMIT, cap), cap, options.certifiedOnly(), access, referenceDateProblem()));
        Plan plan = planner.plan(resolved);
        List<QueryResult.Column> columns = plan.groupCount().isPresent()
                ? List.of(new QueryResult.Column(plan.groupCount().get().column(), "number", "integer"))
                : plan.groupAverage().isPresent()
                ? List.of(groupAverageColumn(plan, plan.groupAverage().get()))
                : plan.columns().stream()
                .map(c -> new QueryResult.Column(c.name(), c.type(),
                        c.format() == null ? null : c.format().name().toLowerCase(Locale.ROOT)))
                .toList();
        java.util.Optional<Supplier<QueryResult>> shared = reads == null ? java.util.Optional.empty() : reads.read(q, resolved, plan, columns);
        if (shared.isPresent()) {
            return new Compiled(q, resolved, plan, Compiled.NOT_RENDERED, columns, Rollups.Route.NONE, Compiled.NOT_RENDERED, shared.get());
        }
        CompiledSql sql = renderer.render(plan);
        if (rollups == null || rollups.catalog().rollups().isEmpty()) return new Compiled(q, resolved, plan, sql, columns);
        return routed(new Compiled(q, resolved, plan, sql, columns), access);
    }

    /** The compiled query answered from a rollup when one is exact and fresh; explain's notes say why not otherwise. */
    /** The mean over groups keeps its metric's format (a mean of amounts is an amount); a mean of counts is a number, not an integer. */
    private static QueryResult.Column groupAverageColumn(Plan plan, io.clarion.query.ResolvedQuery.AnalysisSpec a) {
        String format = plan.columns().stream().filter(c -> c.name().equals(a.metric()) && c.format() != null).findFirst()
                .map(c -> c.format() == io.clarion.catalog.model.Format.INTEGER ? "number" : c.format().name().toLowerCase(Locale.ROOT)).orElse(null);
        return new QueryResult.Column(a.column(), "number", format);
    }

    private Compiled routed(Compiled raw, Access access) {
        Rollups.Served s;
        try {
            s = rollups.route(raw.resolved(), access, this).orElse(null);
        } catch (RuntimeException e) {
            // A rollup is an optimisation: when the app store cannot say, the raw tables answer.
            return new Compiled(raw.query(), raw.resolved(), raw.plan(), raw.sql(), raw.columns(),
                    new Rollups.Route(null, List.of("rollups not consulted: " + e.getMessage())), raw.sql());
        }
        if (s == null) return raw;
        if (s.rollup() == null || s.limit() != raw.plan().limit()) {
            return new Compiled(raw.query(), raw.resolved(), raw.plan(), raw.sql(), raw.columns(), new Rollups.Route(null, s.notes()), raw.sql());
        }
        return new Compiled(raw.query(), raw.resolved(), raw.plan(), s.sql(), raw.columns(), new Rollups.Route(s.rollup(), s.notes()), raw.sql());
    }

    /** The rows of the warehouse tables {@code sql} reads, as the warehouse estimates them (nothing is run). */
    long rowsOfTablesRead(CompiledSql sql) {
        return executor.rowsOfTablesRead(sql);
    }

    public Outcome run(MetricQuery q, Options options) {
        Compiled c = compile(q, options);
        return new Outcome(c, execute(c));
    }

    /** Runs a compiled query where its SQL belongs: the rollup in the app store, or the warehouse. */
    public QueryResult execute(Compiled c) {
        if (c.shared() != null) {
            QueryResult r = c.shared().get();
            if (r != null) return r;
            CompiledSql sql = renderer.render(c.plan());
            c = new Compiled(c.query(), c.resolved(), c.plan(), sql, c.columns());
        }
        keys.require(catalog, c.plan());
        if (c.fromRollup()) {
            try {
                return rollups.execute(c.sql(), c.columns(), c.plan().limit());
            } catch (io.clarion.warehouse.WarehouseException e) {
                // Rebuilt or dropped under us: the raw tables give the same rows.
                if (e.kind() != io.clarion.warehouse.WarehouseException.Kind.FAILED) throw e;
            }
        }
        return executor.execute(c.rawSql(), c.columns(), c.plan().limit());
    }
}
