package io.clarion.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import java.util.Set;

/**
 * Reads a metric query from JSON. Every structural problem is reported with its JSON path
 * (filters[1].operator), all at once; nothing is executed on a malformed query.
 */
public final class QueryParser {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static final Set<String> KEYS = Set.of("metrics", "measures", "dimensions", "filters", "segments", "order_by",
            "limit", "timezone", "compare", "analysis", "join_paths", "certified_only");
    private static final Set<String> FILTER_KEYS = Set.of("dimension", "metric", "member", "operator", "value", "values");
    private static final Set<String> ORDER_KEYS = Set.of("field", "direction");
    private static final Set<String> ANALYSIS_KEYS = Set.of("type", "metric", "partition_by", "top", "window", "grain",
            "filters", "segments");

    private QueryParser() {
    }

    public static MetricQuery parse(String json) {
        JsonNode root;
        try {
            root = StrictJson.read(json);
        } catch (StrictJson.Invalid e) {
            throw new QueryException(QueryCode.valueOf(e.code().toUpperCase(java.util.Locale.ROOT)).at(e.path(),
                    (e.code().equals("malformed_json") ? "the query is " : "the query is refused: ") + e.getMessage()));
        }
        return parse(root);
    }

    public static MetricQuery parse(JsonNode root) {
        List<Issue> errors = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new QueryException(QueryCode.MALFORMED_JSON.at("$", "the query is empty"));
        }
        if (!root.isObject()) {
            throw new QueryException(QueryCode.MALFORMED_JSON.at("$", "the query must be a JSON object"));
        }
        unknownKeys(root, KEYS, "", errors);
        List<String> metrics = strings(root, "metrics", errors);
        if (root.has("measures")) metrics = concat(metrics, strings(root, "measures", errors));
        List<String> dimensions = strings(root, "dimensions", errors);
        JsonNode seg = root.get("segments");
        if (seg != null && !seg.isNull() && !seg.isArray()) {
            errors.add(QueryCode.INVALID_TYPE.at("segments", "\"segments\" must be an array of segment names"));
        }
        List<String> segments = seg != null && seg.isArray() ? strings(root, "segments", errors) : List.of();

        List<MetricQuery.Filter> filters = new ArrayList<>();
        forEachObject(root, "filters", errors, (f, path) -> filters.add(filter(f, path, errors)));

        List<MetricQuery.OrderBy> order = new ArrayList<>();
        JsonNode ob = root.get("order_by");
        if (ob != null && ob.isObject()) {
            // Cube's shape: {"member": "asc"}
            ob.fields().forEachRemaining(e -> order.add(new MetricQuery.OrderBy(e.getKey(), e.getValue().asText())));
        } else {
            forEachObject(root, "order_by", errors, (o, path) -> {
                unknownKeys(o, ORDER_KEYS, path + ".", errors);
                String field = text(o, "field", path, errors);
                if (field == null) errors.add(QueryCode.MISSING_FIELD.at(path + ".field", "order_by needs a field"));
                order.add(new MetricQuery.OrderBy(field, text(o, "direction", path, errors)));
            });
        }

        Integer limit = null;
        JsonNode l = root.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || !l.isIntegralNumber()) {
                errors.add(QueryCode.INVALID_TYPE.at("limit", "limit must be a whole number"));
            } else {
                limit = l.intValue();
            }
        }

        List<MetricQuery.Analysis> analysis = new ArrayList<>();
        forEachObject(root, "analysis", errors, (a, path) -> {
            unknownKeys(a, ANALYSIS_KEYS, path + ".", errors);
            List<MetricQuery.Filter> part = new ArrayList<>();
            forEachObject(a, "filters", path + ".", errors, (f, fpath) -> part.add(filter(f, fpath, errors)));
            analysis.add(new MetricQuery.Analysis(text(a, "type", path, errors), text(a, "metric", path, errors),
                    strings(a, "partition_by", errors, path + "."), integer(a, "top", path, errors),
                    integer(a, "window", path, errors), text(a, "grain", path, errors), part,
                    strings(a, "segments", errors, path + ".")));
        });

        List<List<String>> joinPaths = new ArrayList<>();
        JsonNode jp = root.get("join_paths");
        if (jp != null) {
            if (!jp.isArray()) {
                errors.add(QueryCode.INVALID_TYPE.at("join_paths", "join_paths must be an array of cube paths, e.g. [[\"invoices\", \"customers\", \"owners\"]]"));
            } else {
                for (int i = 0; i < jp.size(); i++) {
                    JsonNode p = jp.get(i);
                    if (p.isTextual()) {
                        joinPaths.add(List.of(p.asText().split("\\s*(->|\\.)\\s*")));
                    } else if (p.isArray()) {
                        List<String> cubes = new ArrayList<>();
                        for (int j = 0; j < p.size(); j++) {
                            if (p.get(j).isTextual() && !p.get(j).asText().isBlank()) cubes.add(p.get(j).asText().strip());
                            else errors.add(QueryCode.INVALID_TYPE.at("join_paths[" + i + "][" + j + "]", "expected a cube name (text)"));
                        }
                        if (cubes.size() == p.size() && cubes.size() < 2) {
                            errors.add(QueryCode.INVALID_VALUE.at("join_paths[" + i + "]", "a join path names at least two cubes"));
                        }
                        joinPaths.add(cubes);
                    } else {
                        errors.add(QueryCode.INVALID_TYPE.at("join_paths[" + i + "]", "a join path is a list of cube names"));
                    }
                }
            }
        }

        Boolean certifiedOnly = null;
        JsonNode co = root.get("certified_only");
        if (co != null && !co.isNull()) {
            if (!co.isBoolean()) errors.add(QueryCode.INVALID_TYPE.at("certified_only", "certified_only must be true or false"));
            else certifiedOnly = co.booleanValue();
        }
        String timezone = text(root, "timezone", "", errors);
        String compare = text(root, "compare", "", errors);
        if (!errors.isEmpty()) throw new QueryException(errors);
        return new MetricQuery(metrics, dimensions, filters, segments, order, limit, timezone, compare, analysis,
                joinPaths, certifiedOnly);
    }

    private static MetricQuery.Filter filter(JsonNode f, String path, List<Issue> errors) {
        unknownKeys(f, FILTER_KEYS, path + ".", errors);
        String dim = text(f, "dimension", path, errors);
        String metric = text(f, "metric", path, errors);
        String member = text(f, "member", path, errors);
        if (dim == null && metric == null && member != null) dim = member;
        if (dim == null && metric == null) {
            errors.add(QueryCode.MISSING_FIELD.at(path, "a filter needs \"dimension\" or \"metric\""));
        } else if (dim != null && metric != null) {
            errors.add(QueryCode.INVALID_VALUE.at(path, "a filter names either a dimension or a metric, not both"));
        }
        String op = text(f, "operator", path, errors);
        if (op == null) errors.add(QueryCode.MISSING_FIELD.at(path + ".operator", "a filter needs an operator"));
        List<JsonNode> values = null;
        if (f.has("values")) {
            if (!f.get("values").isArray()) {
                errors.add(QueryCode.INVALID_TYPE.at(path + ".values", "\"values\" must be an array"));
            } else {
                values = new ArrayList<>();
                f.get("values").forEach(values::add);
            }
        }
        return new MetricQuery.Filter(dim, metric, op, f.get("value"), values);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void unknownKeys(JsonNode obj, Set<String> allowed, String prefix, List<Issue> errors) {
        Iterator<String> names = obj.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                errors.add(QueryCode.UNKNOWN_KEY.at(prefix + n, "unknown key \"" + n + "\"",
                        Suggestions.closest(n, allowed)));
            }
        }
    }

    private static List<String> strings(JsonNode root, String key, List<Issue> errors) {
        return strings(root, key, errors, "");
    }

    private static List<String> strings(JsonNode root, String key, List<Issue> errors, String prefix) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return List.of();
        if (n.isTextual()) return List.of(n.asText());
        if (!n.isArray()) {
            errors.add(QueryCode.INVALID_TYPE.at(prefix + key, "\"" + key + "\" must be an array of names"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (e.isTextual() && !e.asText().isBlank()) out.add(e.asText().strip());
            else errors.add(QueryCode.INVALID_TYPE.at(prefix + key + "[" + i + "]", "expected a member name (text)"));
        }
        return out;
    }

    private static String text(JsonNode obj, String key, String path, List<Issue> errors) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) {
            errors.add(QueryCode.INVALID_TYPE.at((path.isEmpty() ? "" : path + ".") + key, "\"" + key + "\" must be text"));
            return null;
        }
        return n.asText().strip();
    }

    private static Integer integer(JsonNode obj, String key, String path, List<Issue> errors) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            errors.add(QueryCode.INVALID_TYPE.at(path + "." + key, "\"" + key + "\" must be a whole number"));
            return null;
        }
        return n.intValue();
    }

    private interface ObjectVisitor {
        void visit(JsonNode obj, String path);
    }

    private static void forEachObject(JsonNode root, String key, List<Issue> errors, ObjectVisitor v) {
        forEachObject(root, key, "", errors, v);
    }

    private static void forEachObject(JsonNode root, String key, String prefix, List<Issue> errors, ObjectVisitor v) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return;
        if (!n.isArray()) {
            errors.add(QueryCode.INVALID_TYPE.at(prefix + key, "\"" + key + "\" must be an array of objects"));
            return;
        }
        for (int i = 0; i < n.size(); i++) {
            String path = prefix + key + "[" + i + "]";
            if (!n.get(i).isObject()) errors.add(QueryCode.INVALID_TYPE.at(path, "expected an object"));
            else v.visit(n.get(i), path);
        }
    }

    /** The query as canonical JSON (what the API echoes back as "query"). */
    public static ObjectNode toJson(MetricQuery q) {
        ObjectNode o = JSON.createObjectNode();
        if (!q.metrics().isEmpty()) o.set("metrics", JSON.valueToTree(q.metrics()));
        if (!q.dimensions().isEmpty()) o.set("dimensions", JSON.valueToTree(q.dimensions()));
        if (!q.filters().isEmpty()) o.set("filters", JSON.valueToTree(q.filters()));
        if (!q.segments().isEmpty()) o.set("segments", JSON.valueToTree(q.segments()));
        if (!q.orderBy().isEmpty()) o.set("order_by", JSON.valueToTree(q.orderBy()));
        if (q.limit() != null) o.put("limit", q.limit());
        if (q.timezone() != null) o.put("timezone", q.timezone());
        if (q.compare() != null) o.put("compare", q.compare());
        if (!q.analysis().isEmpty()) {
            var arr = o.putArray("analysis");
            for (var a : q.analysis()) {
                ObjectNode x = arr.addObject();
                x.put("type", a.type());
                if (a.metric() != null) x.put("metric", a.metric());
                if (a.partitionBy() != null && !a.partitionBy().isEmpty()) x.set("partition_by", JSON.valueToTree(a.partitionBy()));
                if (a.top() != null) x.put("top", a.top());
                if (a.window() != null) x.put("window", a.window());
                if (a.grain() != null) x.put("grain", a.grain());
                if (a.filters() != null) x.set("filters", JSON.valueToTree(a.filters()));
                if (a.segments() != null) x.set("segments", JSON.valueToTree(a.segments()));
            }
        }
        if (!q.joinPaths().isEmpty()) o.set("join_paths", JSON.valueToTree(q.joinPaths()));
        if (q.certifiedOnly() != null) o.put("certified_only", q.certifiedOnly());
        return o;
    }

}
