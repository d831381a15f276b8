package io.clarion.warehouse;

import io.clarion.catalog.model.Catalog;
import io.clarion.plan.Plan;
import io.clarion.plan.Planner;
import io.clarion.query.MetricQuery;
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
    private final int maxLimit;

    /** Per-call policy: certified members only (chat, briefings) or not. */
    public record Options(boolean certifiedOnly) {
        public static final Options DEFAULT = new Options(false);
    }

    /** Every stage's output for one query. */
    public record Compiled(MetricQuery query, ResolvedQuery resolved, Plan plan, CompiledSql sql,
                           List<QueryResult.Column> columns) {
    }

    public record Outcome(Compiled compiled, QueryResult result) {
    }

    public QueryService(Catalog catalog, DataSource dataSource, Dialect dialect, Supplier<LocalDate> referenceDate,
                        int maxLimit, Duration timeout) {
        this.catalog = catalog;
        this.validator = new QueryValidator(catalog);
        this.planner = new Planner(catalog);
        this.renderer = new SqlRenderer(catalog, dialect);
        this.executor = new QueryExecutor(dataSource, timeout);
        this.referenceDate = referenceDate;
        this.maxLimit = maxLimit;
    }

    private QueryService(QueryService base, Supplier<LocalDate> referenceDate) {
        this.catalog = base.catalog;
        this.validator = base.validator;
        this.planner = base.planner;
        this.renderer = base.renderer;
        this.executor = base.executor;
        this.referenceDate = referenceDate;
        this.maxLimit = base.maxLimit;
    }

    /**
     * The same service (catalog, warehouse, limits) with "today" fixed at {@code referenceDate}:
     * briefings and backtests run as of a given day, not as of the configured one.
     */
    public QueryService withReferenceDate(LocalDate referenceDate) {
        java.util.Objects.requireNonNull(referenceDate, "referenceDate");
        return new QueryService(this, () -> referenceDate);
    }

    public Catalog catalog() {
        return catalog;
    }

    public LocalDate referenceDate() {
        return referenceDate.get();
    }

    public int maxLimit() {
        return maxLimit;
    }

    /** Validates, plans and renders; throws QueryException with every problem found. */
    public Compiled compile(MetricQuery q, Options options) {
        ResolvedQuery resolved = validator.validate(q, new QueryValidator.Options(referenceDate.get(),
                Math.min(DEFAULT_LIMIT, maxLimit), maxLimit, options.certifiedOnly()));
        Plan plan = planner.plan(resolved);
        CompiledSql sql = renderer.render(plan);
        List<QueryResult.Column> columns = plan.columns().stream()
                .map(c -> new QueryResult.Column(c.name(), c.type(),
                        c.format() == null ? null : c.format().name().toLowerCase(Locale.ROOT)))
                .toList();
        return new Compiled(q, resolved, plan, sql, columns);
    }

    public Outcome run(MetricQuery q, Options options) {
        Compiled c = compile(q, options);
        QueryResult r = executor.execute(c.sql(), c.columns(), c.plan().limit());
        return new Outcome(c, r);
    }
}
