package io.clarion.agent.tools;

import io.clarion.agent.QuestionPlanner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Member;
import io.clarion.governance.policy.Access;
import io.clarion.query.MetricQuery;
import io.clarion.engine.QueryService;

import java.time.LocalDate;
import java.util.List;
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


    private final QueryService queries;
    private final QuestionPlanner draftPlanner;
    private final CatalogSearchIndex index;

    /** {@code draftPlanner}: the offline planner, whose reading of a question {@code offline_draft} returns. */
    public CatalogTools(QueryService queries, QuestionPlanner draftPlanner) {
        this(queries, draftPlanner, new CatalogSearchIndex(ToolJson.certified(queries.catalog())));
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
            JsonNode n = ToolJson.JSON.readTree(r.json());
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
            args = argumentsJson == null || argumentsJson.isBlank() ? ToolJson.NODES.objectNode() : ToolJson.JSON.readTree(argumentsJson);
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

    /** Certified members ranked for {@code text}: names, synonyms, then descriptions. */
    public String searchCatalog(String text) {
        return new SearchCatalogTool(index).search(text);
    }

    /** Type, format, grains, operators and (string dimensions) sample values read through a metric query. */
    public String describeMember(String rawName) {
        return new DescribeMemberTool(queries, this::member).describe(rawName);
    }

    // -------------------------------------------------------------------------------------------

    /**
     * Validates (certified members only) and runs a metric query. The arguments are
     * {@code {"query": {...}}}, the query as a JSON string, or the query object itself.
     */
    public ToolResult runMetricQuery(JsonNode args) {
        return new RunMetricQueryTool(queries).run(args);
    }

    /** The offline planner's outcome for the question: a draft query, a clarifying question, or why it has none. */
    public String offlineDraft(String question) {
        return new OfflineDraftTool(draftPlanner).draft(question);
    }

    Optional<Member> member(String name) {
        Catalog c = catalog();
        Optional<Member> m = c.metric(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.measure(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.dimension(name).map(x -> (Member) x);
        if (m.isEmpty()) m = c.segment(name).map(x -> (Member) x);
        return m;
    }

    private static String text(JsonNode args, String... keys) {
        for (String k : keys) {
            JsonNode v = args.get(k);
            if (v != null && v.isTextual() && !v.asText().isBlank()) return v.asText();
        }
        return null;
    }

    static String example(String tool) {
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

    static ToolResult malformed(String message) {
        return new ToolResult(ToolJson.errors(List.of(ToolCode.MALFORMED_ARGUMENTS.at("$", message))), null, true);
    }
}
