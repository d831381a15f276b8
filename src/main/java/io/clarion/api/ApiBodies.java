package io.clarion.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The request bodies as the OpenAPI document describes them. The resources read bodies as JSON
 * trees (so an unknown key or a wrong type is a 400 naming it); these records only give the
 * document real schemas and examples, with the snake_case names the API reads.
 */
final class ApiBodies {
    private ApiBodies() {
    }

    static final String QUERY_EXAMPLE = """
            {"metrics": ["customers.total_count", "invoices.revenue", "monthly_churn_rate"],
             "dimensions": ["customers.segment"],
             "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last month"}]}""";

    static final String CHAT_EXAMPLE = """
            {"message": "revenue by segment last quarter"}""";

    static final String CHAT_FEEDBACK_EXAMPLE = """
            {"helpful": false, "comment": "I meant paid invoices only", "turn": 1}""";

    @Schema(name = "ChatRequest", description = "A question, and the session_id of an earlier answer to ask a follow-up")
    record ChatRequest(@Schema(required = true, description = "the question, in plain language") String message,
                       @Schema(description = "session_id of an earlier answer: follow-ups edit its query") String sessionId) {
    }

    @Schema(name = "ChatFeedbackRequest")
    record ChatFeedbackRequest(@Schema(required = true) Boolean helpful, String comment,
                               @Schema(description = "the answer's turn in the session; default the latest") Integer turn,
                               @Schema(description = "the metric query that would have been right") MetricQueryBody correctedQuery) {
    }

    @Schema(name = "Filter")
    record Filter(@Schema(description = "a dimension, or metric_time") String dimension,
                  @Schema(description = "a metric or measure (filters on aggregated values)") String metric,
                  @Schema(required = true, enumeration = {"equals", "not_equals", "in", "not_in", "contains", "not_contains", "starts_with",
                          "gt", "gte", "lt", "lte", "between", "set", "not_set", "in_date_range", "in_periods", "before", "after"}) String operator,
                  @Schema(description = "one value: text, number, or a date phrase such as \"last month\"") Object value,
                  @Schema(description = "several values (in, not_in, between)") List<Object> values) {
    }

    @Schema(name = "OrderBy")
    record OrderBy(@Schema(required = true) String field, @Schema(enumeration = {"asc", "desc"}) String direction) {
    }

    @Schema(name = "Analysis")
    record Analysis(@Schema(required = true, enumeration = {"percent_of_total", "share", "rank", "rolling", "cumulative", "count_groups", "group_average"}) String type,
                    String metric, List<String> partitionBy, Integer top, Integer window, String grain,
                    @Schema(description = "share only: the rows whose part of the metric is asked for") List<Filter> filters,
                    @Schema(description = "share only: segments the part's rows are in") List<String> segments) {
    }

    @Schema(name = "MetricQuery", description = "A metric query over the catalog's members")
    record MetricQueryBody(List<String> metrics, List<String> measures, List<String> dimensions, List<Filter> filters,
                           List<String> segments, List<OrderBy> orderBy, Integer limit, String timezone,
                           @Schema(enumeration = {"previous_period", "same_period_last_year"}) String compare, List<Analysis> analysis,
                           List<List<String>> joinPaths,
                           @Schema(description = "false asks for uncertified members too (needs the uncertified privilege)") Boolean certifiedOnly) {
    }

    @Schema(name = "FeedbackRequest", description = "An owner's verdict on a flagged account")
    record FeedbackRequest(@Schema(required = true) String skill, @Schema(required = true) String ownerId,
                           @Schema(required = true) String customerId,
                           @Schema(required = true, enumeration = {"confirmed", "false_positive", "handled"}) String verdict,
                           @Schema(enumeration = {"open", "in_progress", "done"}) String status,
                           @Schema(format = "date") String dueDate, String note, Long briefingId, Integer riskPoints, String by) {
    }
}
