package io.clarion.plan;

import io.clarion.catalog.model.Conversion;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Cumulative;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.query.DateRange;
import io.clarion.query.ResolvedQuery;
import io.clarion.query.ResolvedQuery.TimeBounds;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a resolved query will run: one aggregated subquery ("leaf") per measure cube and time
 * shift, each at the query's grain, then combined on the dimension values. Inspectable as is
 * (explain), rendered to SQL by a dialect.
 */
public record Plan(ResolvedQuery query, List<Leaf> leaves, List<OutputColumn> columns, List<ResultFilter> resultFilters,
                   List<ResolvedQuery.Order> order, int limit) {

    /**
     * The count_groups analysis when the query asks how many groups it has: the result is then that
     * one number, over every group passing the filters ({@code columns} are the groups counted).
     */
    public java.util.Optional<ResolvedQuery.AnalysisSpec> groupCount() {
        return query.analysis().stream().filter(a -> a.type() == ResolvedQuery.AnalysisType.COUNT_GROUPS).findFirst();
    }

    /**
     * The group_average analysis: the result is then one number, the mean of its metric over every
     * group passing the filters (a group with no rows in the metric's table is not one of them).
     */
    public java.util.Optional<ResolvedQuery.AnalysisSpec> groupAverage() {
        return query.analysis().stream().filter(a -> a.type() == ResolvedQuery.AnalysisType.GROUP_AVERAGE).findFirst();
    }

    /**
     * How a leaf avoids counting a row more than once. DIRECT: every join from the base cube is
     * many-to-one or one-to-one, so base rows are never repeated. DISTINCT_KEYS: a one-to-many
     * join is needed for a dimension or filter; the distinct (primary key, dimensions) pairs are
     * found first and the base rows aggregated once per pair.
     */
    public enum Strategy { DIRECT, DISTINCT_KEYS }

    public record Leaf(String alias, Cube base, Strategy strategy, List<Join> joins, List<LeafDim> dims,
                       List<LeafMeasure> measures, List<LeafFilter> filters, List<Segment> segments,
                       Dimension timeDimension, TimeBounds timeBounds, PeriodBinding period, LabelShift labelShift,
                       boolean shifted, Spine spine) {
        public Leaf(String alias, Cube base, Strategy strategy, List<Join> joins, List<LeafDim> dims,
                    List<LeafMeasure> measures, List<LeafFilter> filters, List<Segment> segments,
                    Dimension timeDimension, TimeBounds timeBounds, PeriodBinding period, LabelShift labelShift,
                    boolean shifted) {
            this(alias, base, strategy, joins, dims, measures, filters, segments, timeDimension, timeBounds, period,
                    labelShift, shifted, null);
        }
    }

    /**
     * The periods of a cumulative leaf, each joined to the rows of its own window (see
     * {@link CumulativeWindows}): period starts of {@code grain} from {@code from} (the data's first
     * when null) up to the one before {@code until} (the data's last when null), each period
     * ending at the next period's start or at {@code until}, whichever is first.
     */
    public record Spine(Grain grain, java.time.LocalDate from, java.time.LocalDate until, Cumulative window) {
    }

    /** A dimension column d{i} of a leaf; {@code source} is the dimension it reads (resolved for metric_time). */
    public record LeafDim(String column, ResolvedQuery.DimRef ref, Dimension source, Grain grain) {
    }

    /**
     * {@code conversion}: the measure counts only base rows whose entity converts (a conversion
     * metric's numerator). {@code part}: only rows passing a share's filters and segments (its
     * numerator); null for every other measure.
     */
    public record LeafMeasure(String column, Measure measure, List<SqlTemplate> extraFilters, Conversion conversion,
                              ResolvedQuery.Part part) {
        public LeafMeasure(String column, Measure measure, List<SqlTemplate> extraFilters, Conversion conversion) {
            this(column, measure, extraFilters, conversion, null);
        }

        public LeafMeasure(String column, Measure measure, List<SqlTemplate> extraFilters) {
            this(column, measure, extraFilters, null, null);
        }
    }

    /** A row filter of a leaf; {@code bounds} are the (possibly shifted) day bounds of a time filter. */
    public record LeafFilter(ResolvedQuery.DimFilter filter, TimeBounds bounds) {
    }

    /**
     * What {PERIOD_START}/{PERIOD_END} mean in a leaf: one fixed period, or (when grouped by
     * metric_time) each bucket of a series of periods, the leaf then being grouped by period.
     */
    public record PeriodBinding(DateRange fixed, Grain seriesGrain, DateRange seriesRange) {
        public static PeriodBinding of(DateRange r) {
            return new PeriodBinding(r, null, null);
        }

        public boolean series() {
            return seriesGrain != null;
        }
    }

    /** Added to time bucket labels of a shifted leaf so they line up with the current period's rows. */
    public record LabelShift(Grain grain, int units) {
    }

    public enum ColumnKind { DIMENSION, METRIC, COMPARISON, ANALYSIS }

    /** An output column: a dimension (leaf column d{i}) or a computed expression. */
    public record OutputColumn(String name, ColumnKind kind, int dimIndex, Expr expr, String type, Format format) {
    }

    /** A condition on an output column, applied to result rows (metric filters, top N, visible range). */
    public record ResultFilter(String column, String operator, List<Object> values) {
    }

    public static List<Object> values(List<BigDecimal> v) {
        return List.copyOf(v);
    }
}
