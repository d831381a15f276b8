package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.query.MetricQuery;

import java.util.List;

/** A comparison read from the question: operator, values, and where its words are (token positions). */
final class Cmp {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final String op;
    final List<Double> values;
    final int start;
    final int end;
    /** Set once a mention claims it, so one comparison filters one member. */
    boolean attached;
    /** The mention this comparison belongs to whatever stands nearer ("longer than 5 minutes": the duration column), or null. */
    Object owner;

    Cmp(String op, List<Double> values, int start, int end) {
        this.op = op;
        this.values = values;
        this.start = start;
        this.end = end;
    }

    MetricQuery.Filter filter(String member, boolean dimension) {
        List<JsonNode> vs = values.stream().map(v -> (JsonNode) number(v)).toList();
        return dimension
                ? new MetricQuery.Filter(member, null, op, op.equals("between") ? null : vs.get(0), op.equals("between") ? vs : null)
                : new MetricQuery.Filter(null, member, op, op.equals("between") ? null : vs.get(0), op.equals("between") ? vs : null);
    }

    private static JsonNode number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? JSON.numberNode((long) v) : JSON.numberNode(v);
    }
}
