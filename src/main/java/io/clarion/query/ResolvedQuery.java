package io.clarion.query;


import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A metric query checked against the catalog: every name bound to its member, every value
 * typed, every relative date resolved against the reference date. Planning starts here.
 */
public record ResolvedQuery(List<Output> outputs, List<DimRef> dimensions, List<DimFilter> filters,
                            List<MetricFilter> metricFilters, List<Segment> segments, List<Order> order, int limit,
                            LocalDate referenceDate, DateRange period, TimeBounds metricTime, Compare compare,
                            List<AnalysisSpec> analysis, List<List<String>> joinPaths, MetricQuery source, AccessRules access) {

    /** A requested metric column: a catalog metric or a bare measure. */
    public sealed interface Output permits MeasureOutput, MetricOutput {
        String name();
    }

    public record MeasureOutput(String name, Measure measure) implements Output {
    }

    public record MetricOutput(String name, Metric metric) implements Output {
    }

    /** A grouping dimension; {@code dimension} is null for metric_time. */
    public record DimRef(String name, Dimension dimension, Grain grain) {
        public boolean isMetricTime() {
            return dimension == null;
        }

        public DimensionType type() {
            return dimension == null ? DimensionType.TIME : dimension.type();
        }

        public boolean isTime() {
            return type() == DimensionType.TIME;
        }
    }

    /**
     * A row filter. For time dimensions every operator is reduced to day bounds ({@code bounds});
     * otherwise {@code values} holds typed values (String, BigDecimal, Boolean).
     */
    public record DimFilter(String path, DimRef target, Operator operator, List<Object> values, TimeBounds bounds) {
    }

    /** A filter on a metric's aggregated value. */
    public record MetricFilter(String path, String metric, Operator operator, List<BigDecimal> values) {
    }

    /** {@code field} is an output column name (a metric, dimension or analysis column). */
    public record Order(String field, boolean descending) {
    }

    /** Half-open day bounds; either side may be open (null). */
    public record TimeBounds(LocalDate from, LocalDate until) {
        public TimeBounds shiftDays(long n) {
            return new TimeBounds(from == null ? null : from.plusDays(n), until == null ? null : until.plusDays(n));
        }

        public DateRange asRange() {
            return from != null && until != null && until.isAfter(from) ? new DateRange(from, until) : null;
        }
    }

    public enum Compare { PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR }

    public enum AnalysisType { PERCENT_OF_TOTAL, SHARE, RANK, ROLLING, CUMULATIVE, COUNT_GROUPS, GROUP_AVERAGE }

    /**
     * An analysis column computed over the result: see {@link MetricQuery.Analysis}. {@code part}
     * is set for a share only.
     */
    public record AnalysisSpec(AnalysisType type, String metric, List<DimRef> partitionBy, Integer top, Integer window,
                               Grain grain, String column, Part part) {
        public AnalysisSpec(AnalysisType type, String metric, List<DimRef> partitionBy, Integer top, Integer window,
                            Grain grain, String column) {
            this(type, metric, partitionBy, top, window, grain, column, null);
        }
    }

    /**
     * The rows a share counts in its numerator: those passing every filter and segment. The
     * filters are typed like query filters, so their values reach SQL as bind parameters.
     */
    public record Part(List<DimFilter> filters, List<Segment> segments) {
        public Part {
            filters = List.copyOf(filters);
            segments = List.copyOf(segments);
        }
    }

    public boolean hasMetricTime() {
        return metricTime != null || dimensions.stream().anyMatch(DimRef::isMetricTime);
    }
}
