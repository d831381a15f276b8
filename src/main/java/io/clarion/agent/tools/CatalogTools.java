package io.clarion.agent.tools;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.QuestionPlanner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.governance.policy.Access;
import io.clarion.query.MetricQuery;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;
import io.clarion.warehouse.WarehouseException;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The only things a language model may do in Clarion: search the certified catalog, describe a
 * member, run a metric query (validated, certified members only, through the governed query
 * service) and ask the offline planner for a draft. Every tool takes and returns JSON text; none
 * takes SQL, and none shows SQL or reaches the database other than through {@link QueryService}.
 */
public final class CatalogTools {
    public static final String SEARCH = "search_catalog";
    public static final String DESCRIBE = "describe_member";
    public static final String RUN = "run_metric_query";
    public static final String DRAFT = "offline_draft";
    public static final List<String> NAMES = List.of(SEARCH, DESCRIBE, RUN, DRAFT);

    /** Rows shown to the model per query: enough to check a query, not a data export. */
    public static final int MAX_ROWS_TO_MODEL = 20;
    static final int MAX_SEARCH_HITS = 10;
    static final int SAMPLE_VALUES = 20;

    // Plain decimals: the model reads 14179692.24, never 1.417969224E7.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final QueryService queries;
    private final QuestionPlanner draftPlanner;
    private final CatalogSearchIndex index;

    /** {@code draftPlanner}: the offline planner, whose reading of a question {@code offline_draft} returns. */
    public CatalogTools(QueryService queries, QuestionPlanner draftPlanner) {
        this(queries, draftPlanner, new CatalogSearchIndex(certified(queries.catalog())));
    }

    private CatalogTools(QueryService queries, QuestionPlanner draftPlanner, CatalogSearchIndex index) {
        this.queries = queries;
        this.draftPlanner = draftPlanner;
        this.index = index;
    }

    /** The same tools for one principal: every query they run sees only what {@code access} allows. */
    public CatalogTools as(Access access) {
        return new CatalogTools(queries.as(access), draftPlanner, index);
    }

    public Access access() {
        return queries.access();
    }

    /** "ok", "malformed", or the first error code of a tool's answer, for the audit log. */
    public static String outcome(ToolResult r) {
        if (r.malformed()) return "malformed";
        try {
            JsonNode n = JSON.readTree(r.json());
            if (n.path("ok").asBoolean(true)) return "ok";
            return n.path("errors").path(0).path("code").asText("error");
        } catch (JsonProcessingException e) {
            return "ok";
        }
    }

    /**
     * A tool's answer (JSON for the model), the query it ran when it ran one successfully, and
     * whether the call itself was malformed (not JSON, wrong tool, missing argument) rather than
     * a well-formed call with a wrong query.
     */
    public record ToolResult(String json, MetricQuery ranQuery, boolean malformed) {
    }

    public Catalog catalog() {
        return queries.catalog();
    }

    public LocalDate referenceDate() {
        return queries.referenceDate();
    }

    /** Runs tool {@code tool} with the model's argument text (a JSON object). */
    public ToolResult execute(String tool, String argumentsJson) {
        JsonNode args;
        try {
            args = argumentsJson == null || argumentsJson.isBlank() ? NODES.objectNode() : JSON.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            return malformed("the arguments are not valid JSON (" + e.getOriginalMessage()
                    + "); send one JSON object, e.g. " + example(tool));
        }
        if (args == null || !args.isObject()) return malformed("the arguments must be one JSON object, e.g. " + example(tool));
        switch (tool == null ? "" : tool) {
            case SEARCH: {
                String text = text(args, "text", "query", "question");
                if (text == null) return malformed("search_catalog needs \"text\", e.g. " + example(tool));
                return new ToolResult(searchCatalog(text), null, false);
            }
            case DESCRIBE: {
                String name = text(args, "name", "member");
                if (name == null) return malformed("describe_member needs \"name\", e.g. " + example(tool));
                return new ToolResult(describeMember(name), null, false);
            }
            case RUN:
                return runMetricQuery(args);
            case DRAFT: {
                String question = text(args, "question", "text");
                if (question == null) return malformed("offline_draft needs \"question\", e.g. " + example(tool));
                return new ToolResult(offlineDraft(question), null, false);
            }
            default:
                return malformed("there is no tool \"" + tool + "\"; the tools are " + String.join(", ", NAMES));
        }
    }

    // -------------------------------------------------------------------------------------------
    // search_catalog

    /** Certified members ranked for {@code text}: names, synonyms, then descriptions. */
    public String searchCatalog(String text) {
        ArrayNode hits = NODES.arrayNode();
        for (Member m : index.search(text, MAX_SEARCH_HITS)) hits.add(summary(m));
        ObjectNode out = NODES.objectNode();
        out.set("members", hits);
        if (hits.isEmpty()) {
            out.put("note", "no certified member matches; try other words, or tell the user the catalog does not cover this");
        }
        return out.toString();
    }

    /** Type, format, grains, operators and (string dimensions) sample values read through a metric query. */
    public String describeMember(String rawName) {
        return new DescribeMemberTool(queries, this::member).describe(rawName);
    }

    // -------------------------------------------------------------------------------------------
    // run_metric_query

    /**
     * Validates (certified members only) and runs a metric query. The arguments are
     * {@code {"query": {...}}}, the query as a JSON string, or the query object itself.
     */
    public ToolResult runMetricQuery(JsonNode args) {
        JsonNode query = args.has("query") ? args.get("query") : args.has("query_json") ? args.get("query_json") : args;
        if (query.isTextual()) {
            try {
                query = JSON.readTree(query.asText());
            } catch (JsonProcessingException e) {
                return malformed("\"query\" is not valid JSON (" + e.getOriginalMessage() + "); send the metric query as a JSON object");
            }
        }
        if (query == null || !query.isObject()) {
            return malformed("run_metric_query needs \"query\": a metric query object, e.g. " + example(RUN));
        }
        MetricQuery q;
        QueryService.Outcome out;
        try {
            q = QueryParser.parse(query);
            out = queries.run(q, new QueryService.Options(true));
        } catch (QueryException e) {
            ObjectNode body = (ObjectNode) JSON.valueToTree(Map.of("ok", false, "errors", IssueRenderer.forTool(e.errors())));
            body.put("hint", "correct the query using each error's path, message and suggestions, then call run_metric_query again");
            return new ToolResult(body.toString(), null, false);
        } catch (WarehouseException e) {
            // The warehouse's own message may quote SQL: the model gets the kind only.
            return new ToolResult(errors(List.of(ToolCode.of(e.kind()).at("$", "the warehouse could not run this query ("
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
        if (r.rowCount() > MAX_ROWS_TO_MODEL) body.put("rows_shown", MAX_ROWS_TO_MODEL);
        return new ToolResult(body.toString(), q, false);
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
            Optional<Dimension> d = catalog().dimension(n);
            if (d.isEmpty() && n.chars().filter(c -> c == '.').count() == 2) d = catalog().dimension(n.substring(0, n.lastIndexOf('.')));
            personal[i] = d.isPresent() && d.get().info().pii();
        }
        ArrayNode rows = NODES.arrayNode();
        for (List<Object> row : r.rows().subList(0, Math.min(MAX_ROWS_TO_MODEL, r.rows().size()))) {
            ArrayNode out = rows.addArray();
            for (int i = 0; i < row.size(); i++) {
                if (i < personal.length && personal[i] && row.get(i) != null) out.add("(personal data withheld)");
                else out.add(JSON.valueToTree(row.get(i)));
            }
        }
        return rows;
    }

    // -------------------------------------------------------------------------------------------
    // offline_draft

    /** The offline planner's outcome for the question: a draft query, a clarifying question, or why it has none. */
    public String offlineDraft(String question) {
        ObjectNode out = NODES.objectNode();
        PlannerOutcome o;
        try {
            o = draftPlanner.plan(question, Conversation.empty("draft"));
        } catch (RuntimeException e) {
            return out.put("outcome", "none").put("reason", "the offline planner could not read this question").toString();
        }
        if (o instanceof PlannerOutcome.Planned) {
            PlannerOutcome.Planned p = (PlannerOutcome.Planned) o;
            out.put("outcome", "planned");
            out.set("query", QueryParser.toJson(p.query()));
            out.set("assumptions", strings(p.assumptions()));
            out.put("basis", p.basis());
        } else if (o instanceof PlannerOutcome.Clarify) {
            PlannerOutcome.Clarify c = (PlannerOutcome.Clarify) o;
            out.put("outcome", "clarify").put("question", c.question());
            out.set("options", strings(c.options()));
        } else {
            out.put("outcome", "refused").put("reason", ((PlannerOutcome.Refused) o).reason());
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------

    static ObjectNode summary(Member m) {
        ObjectNode out = NODES.objectNode();
        out.put("name", m.fullName());
        if (m instanceof Metric) {
            Metric mt = (Metric) m;
            out.put("kind", "metric").put("type", mt.type().name().toLowerCase(Locale.ROOT));
            // A window changes what the number is ("28 days", "year to date"): the model must see it before choosing.
            if (mt.cumulative() != null) out.put("window", mt.cumulative().describe());
            if (mt.conversion() != null) {
                out.put("window", mt.conversion().windowCount() + " " + mt.conversion().windowUnit().key()
                        + (mt.conversion().windowCount() == 1 ? "" : "s"));
            }
            if (mt.format() != null) out.put("format", mt.format().name().toLowerCase(Locale.ROOT));
        } else if (m instanceof Measure) {
            Measure ms = (Measure) m;
            out.put("kind", "measure").put("type", ms.type().name().toLowerCase(Locale.ROOT));
            if (ms.format() != null) out.put("format", ms.format().name().toLowerCase(Locale.ROOT));
        } else if (m instanceof Dimension) {
            out.put("kind", "dimension").put("type", ((Dimension) m).type().name().toLowerCase(Locale.ROOT));
        } else {
            out.put("kind", "segment").put("type", "filter");
        }
        out.put("description", m.info().description());
        out.set("synonyms", strings(m.info().synonyms()));
        if (m.info().pii()) out.put("pii", true);
        return out;
    }

    Optional<Member> member(String name) {
        Catalog c = catalog();
        Optional<Member> m = c.metric(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.measure(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.dimension(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.segment(name).map(x -> (Member) x);
        return m;
    }

    static List<Member> certified(Catalog c) {
        return c.members().stream().filter(m -> m.info().certified()).toList();
    }

    private static String text(JsonNode args, String... keys) {
        for (String k : keys) {
            JsonNode v = args.get(k);
            if (v != null && v.isTextual() && !v.asText().isBlank()) return v.asText();
        }
        return null;
    }

    private static String example(String tool) {
        switch (tool == null ? "" : tool) {
            case SEARCH:
                return "{\"text\": \"churn rate\"}";
            case DESCRIBE:
                return "{\"name\": \"customers.segment\"}";
            case RUN:
                return "{\"query\": {\"metrics\": [\"arr\"], \"dimensions\": [\"customers.segment\"]}}";
            case DRAFT:
                return "{\"question\": \"What is our ARR by segment?\"}";
            default:
                return "{}";
        }
    }

    private static ToolResult malformed(String message) {
        return new ToolResult(errors(List.of(ToolCode.MALFORMED_ARGUMENTS.at("$", message))), null, true);
    }

    static String errors(List<Issue> errors) {
        return JSON.valueToTree(Map.of("ok", false, "errors", IssueRenderer.forTool(errors))).toString();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
