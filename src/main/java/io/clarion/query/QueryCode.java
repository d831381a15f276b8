package io.clarion.query;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.JsonPath;

import java.util.List;

/**
 * Why a metric query cannot run, from parsing through validation and planning. The keys are
 * part of the API (clients, the LLM agent and golden files match on them), so a constant may be
 * added but never renamed. Only the "you may not" codes are blamed on the caller's rights.
 */
public enum QueryCode implements Code {
    // the request's shape
    MALFORMED_JSON,
    UNKNOWN_KEY,
    MISSING_FIELD,
    INVALID_TYPE,
    INVALID_VALUE,
    EMPTY_QUERY,
    NUL_BYTE,
    VALUE_TOO_LONG,
    DUPLICATE_MEMBER,
    // names and their use
    UNKNOWN_MEMBER,
    NOT_A_METRIC,
    NOT_A_DIMENSION,
    NOT_CERTIFIED,
    UNKNOWN_OPERATOR,
    OPERATOR_TYPE_MISMATCH,
    INVALID_FILTER,
    INVALID_DATE,
    INVALID_DATE_RANGE,
    /** A relative date ("last quarter") while the reference date the catalog or data set meant to give cannot be read. */
    REFERENCE_DATE_UNKNOWN,
    UNSUPPORTED_TIMEZONE,
    INVALID_GRAIN,
    INVALID_ORDER,
    INVALID_LIMIT,
    INVALID_COMPARE,
    // planning
    NO_TIME_DIMENSION,
    NO_JOIN_PATH,
    UNKNOWN_CUBE,
    AMBIGUOUS_JOIN_PATH,
    FAN_OUT,
    NON_ADDITIVE,
    TIMELESS_MEASURE,
    UNBOUNDED_PERIOD,
    METRIC_CYCLE,
    NESTED_OFFSET,
    UNSUPPORTED_MEASURE,
    INVALID_QUERY,
    // the caller's rights
    ACCESS_DENIED(Blame.FORBIDDEN),
    MASKED_MEMBER(Blame.FORBIDDEN),
    UNCERTIFIED_NOT_ALLOWED(Blame.FORBIDDEN);

    private final Blame blame;

    QueryCode() {
        this(Blame.USER);
    }

    QueryCode(Blame blame) {
        this.blame = blame;
    }

    @Override
    public String key() {
        return Code.keyOf(this);
    }

    @Override
    public Blame blame() {
        return blame;
    }

    /** An issue at a JSON path of the query, such as {@code filters[0].operator}. */
    public Issue at(String path, String message) {
        return Issue.of(this, new JsonPath(path), message);
    }

    public Issue at(String path, String message, List<String> suggestions) {
        return Issue.of(this, new JsonPath(path), message, suggestions);
    }
}
