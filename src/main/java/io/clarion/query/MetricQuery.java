package io.clarion.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric query as written by a caller, in the seed's shape. Parsing keeps it close to the
 * JSON so a normalized copy can be echoed back; {@link QueryValidator} resolves it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MetricQuery(List<String> metrics, List<String> dimensions, List<Filter> filters,
                          List<String> segments, List<OrderBy> orderBy, Integer limit, String timezone,
                          String compare, List<Analysis> analysis, List<List<String>> joinPaths,
                          Boolean certifiedOnly) {

    public MetricQuery {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        filters = filters == null ? List.of() : List.copyOf(filters);
        segments = segments == null ? List.of() : List.copyOf(segments);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        analysis = analysis == null ? List.of() : List.copyOf(analysis);
        joinPaths = joinPaths == null ? List.of() : joinPaths.stream().map(List::copyOf).toList();
    }

    /** A dimension filter ({@code dimension} set) or a filter on a metric's value ({@code metric} set). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(String dimension, String metric, String operator, JsonNode value, List<JsonNode> values) {
    }

    public record OrderBy(String field, String direction) {
    }

    /**
     * Query-time analysis on governed metrics: percent_of_total (each group's share), share (the
     * part of the metric whose rows pass {@code filters} and {@code segments}, over the whole
     * metric: one named group's share), rank (optionally top N within partition dimensions),
     * rolling (trailing window of N grains), cumulative (running total, or to-date within a grain),
     * count_groups (how many groups the query returns after its filters, metric filters included:
     * "how many accounts hold over 2 escalated tickets"; one row, order and limit not applied),
     * group_average (the mean of the metric over those groups, each once; one row).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Analysis(String type, String metric, List<String> partitionBy, Integer top, Integer window,
                           String grain, List<Filter> filters, List<String> segments) {
        public Analysis {
            filters = filters == null || filters.isEmpty() ? null : List.copyOf(filters);
            segments = segments == null || segments.isEmpty() ? null : List.copyOf(segments);
        }

        public Analysis(String type, String metric, List<String> partitionBy, Integer top, Integer window, String grain) {
            this(type, metric, partitionBy, top, window, grain, null, null);
        }

        /** The share of {@code metric} that rows passing {@code filters} and {@code segments} make up. */
        public static Analysis share(String metric, List<Filter> filters, List<String> segments) {
            return new Analysis("share", metric, null, null, null, null, filters, segments);
        }
    }

    /** The same query asking for up to {@code rows} rows. */
    public MetricQuery withLimit(int rows) {
        return new MetricQuery(metrics, dimensions, filters, segments, orderBy, rows, timezone, compare, analysis,
                joinPaths, certifiedOnly);
    }

    /**
     * The member this query names at a JSON path of an issue ({@code metrics[1]},
     * {@code filters[0].operator}, {@code order_by[0].field}), if the path points into one.
     */
    public Optional<String> memberAt(String path) {
        Matcher m = INDEXED_PATH.matcher(path == null ? "" : path);
        if (!m.lookingAt()) return Optional.empty();
        int i = Integer.parseInt(m.group(2));
        List<String> names = switch (m.group(1)) {
            case "metrics" -> metrics;
            case "dimensions" -> dimensions;
            case "filters" -> filters.stream().map(f -> f.dimension() != null ? f.dimension() : f.metric()).toList();
            default -> orderBy.stream().map(OrderBy::field).toList();
        };
        return i < names.size() ? Optional.ofNullable(names.get(i)) : Optional.empty();
    }

    private static final Pattern INDEXED_PATH = Pattern.compile("(metrics|dimensions|filters|order_by)\\[(\\d+)]");

    public static MetricQuery of(List<String> metrics, List<String> dimensions) {
        return new MetricQuery(metrics, dimensions, null, null, null, null, null, null, null, null, null);
    }
}
