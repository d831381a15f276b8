package io.clarion.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.catalog.model.Dimension;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.warehouse.QueryResult;
import io.clarion.warehouse.WarehouseException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.clarion.agent.tools.ToolJson.JSON;
import static io.clarion.agent.tools.ToolJson.NODES;
import static io.clarion.agent.tools.ToolJson.errors;

/** {@code run_metric_query}: a metric query validated (certified members only) and run through the governed query service. */
final class RunMetricQueryTool {
    private final QueryService queries;

    RunMetricQueryTool(QueryService queries) {
        this.queries = queries;
    }

    /**
     * Validates (certified members only) and runs a metric query. The arguments are
     * {@code {"query": {...}}}, the query as a JSON string, or the query object itself.
     */
    CatalogTools.ToolResult run(JsonNode args) {
        JsonNode query = args.has("query") ? args.get("query") : args.has("query_json") ? args.get("query_json") : args;
        if (query.isTextual()) {
            try {
                query = JSON.readTree(query.asText());
            } catch (JsonProcessingException e) {
                return CatalogTools.malformed("\"query\" is not valid JSON (" + e.getOriginalMessage() + "); send the metric query as a JSON object");
            }
        }
        if (query == null || !query.isObject()) {
            return CatalogTools.malformed("run_metric_query needs \"query\": a metric query object, e.g. " + CatalogTools.example(CatalogTools.RUN));
        }
        MetricQuery q;
        QueryService.Outcome out;
        try {
            q = QueryParser.parse(query);
            out = queries.run(q, new QueryService.Options(true));
        } catch (QueryException e) {
            ObjectNode body = (ObjectNode) JSON.valueToTree(Map.of("ok", false, "errors", IssueRenderer.forTool(e.errors())));
            body.put("hint", "correct the query using each error's path, message and suggestions, then call run_metric_query again");
            return new CatalogTools.ToolResult(body.toString(), null, false);
        } catch (WarehouseException e) {
            // The warehouse's own message may quote SQL: the model gets the kind only.
            return new CatalogTools.ToolResult(errors(List.of(ToolCode.of(e.kind()).at("$", "the warehouse could not run this query ("
                    + e.kind().name().toLowerCase(Locale.ROOT) + ")"))), null, false);
        }
        QueryResult r = out.result();
        ObjectNode body = NODES.objectNode();
        body.put("ok", true);
        body.set("query", QueryParser.toJson(q));
        ArrayNode cols = body.putArray("columns");
        for (QueryResult.Column c : r.columns()) {
            ObjectNode col = cols.addObject().put("name", c.name()).put("type", c.type());
            if (c.format() != null) col.put("format", c.format());
        }
        body.set("rows", rowsForModel(r));
        body.put("row_count", r.rowCount());
        if (r.rowCount() > CatalogTools.MAX_ROWS_TO_MODEL) body.put("rows_shown", CatalogTools.MAX_ROWS_TO_MODEL);
        return new CatalogTools.ToolResult(body.toString(), q, false);
    }

    /**
     * The first rows, with personal data (members marked pii) withheld: the model may sit outside
     * the company, and it needs the shape of a result, not e-mail addresses. The user's table,
     * built by the chat from the same query, is not affected.
     */
    private JsonNode rowsForModel(QueryResult r) {
        List<QueryResult.Column> cols = r.columns();
        boolean[] personal = new boolean[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            String n = cols.get(i).name();
            Optional<Dimension> d = queries.catalog().dimension(n);
            if (d.isEmpty() && n.chars().filter(c -> c == '.').count() == 2) d = queries.catalog().dimension(n.substring(0, n.lastIndexOf('.')));
            personal[i] = d.isPresent() && d.get().info().pii();
        }
        ArrayNode rows = NODES.arrayNode();
        for (List<Object> row : r.rows().subList(0, Math.min(CatalogTools.MAX_ROWS_TO_MODEL, r.rows().size()))) {
            ArrayNode out = rows.addArray();
            for (int i = 0; i < row.size(); i++) {
                if (i < personal.length && personal[i] && row.get(i) != null) out.add("(personal data withheld)");
                else out.add(JSON.valueToTree(row.get(i)));
            }
        }
        return rows;
    }
}
