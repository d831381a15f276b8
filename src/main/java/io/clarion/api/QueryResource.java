package io.clarion.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;
import io.clarion.engine.Engine;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.List;


@Path("/api/v1/query")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    @Inject
    Engine engine;

    @Inject
    Caller caller;

    /** The response of a query run; {@code formatted_rows} are {@code rows} as people read them (catalog formats). */
    public record QueryResponse(ObjectNode query, String sql, List<QueryResult.Column> columns, List<List<Object>> rows,
                                List<List<String>> formattedRows, int rowCount, boolean truncated, long durationMs) {
    }

    public record ValidateResponse(boolean valid, ObjectNode query, String sql, List<QueryResult.Column> columns) {
    }

    /** Every stage's output: the resolved query, the plan, the SQL and its binds. */
    public record ExplainResponse(ObjectNode query, Object resolved, Object plan, String sql, List<Object> binds) {
    }

    @POST
    @Operation(summary = "Run a metric query", description = "Validates the query against the catalog, compiles it to SQL and runs it.")
    public QueryResponse run(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiBodies.MetricQueryBody.class), examples = @ExampleObject(name = "example", value = ApiBodies.QUERY_EXAMPLE))) String body) {
        MetricQuery q = QueryParser.parse(body);
        QueryService.Outcome out;
        try {
            out = engine.queries().run(q, QueryService.Options.caller(caller.access(), q));
        } catch (RuntimeException e) {
            engine.audit().queryFailed("api", caller.principal(), q, e);
            throw e;
        }
        engine.audit().queryOk("api", caller.principal(), out.compiled().query(), out.compiled().sql(), out.result());
        QueryResult r = out.result();
        return new QueryResponse(QueryParser.toJson(q), out.compiled().sql().sql(), r.columns(), r.rows(), r.formattedRows(), r.rowCount(),
                r.truncated(), r.durationMs());
    }

    @POST
    @Path("/validate")
    @Operation(summary = "Validate a metric query without running it")
    public ValidateResponse validate(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiBodies.MetricQueryBody.class), examples = @ExampleObject(name = "example", value = ApiBodies.QUERY_EXAMPLE))) String body) {
        MetricQuery q = QueryParser.parse(body);
        QueryService.Compiled c = engine.queries().compile(q, QueryService.Options.caller(caller.access(), q));
        return new ValidateResponse(true, QueryParser.toJson(q), c.sql().sql(), c.columns());
    }

    @POST
    @Path("/explain")
    @Operation(summary = "Show every stage of a metric query: resolved query, plan, SQL and binds")
    public ExplainResponse explain(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiBodies.MetricQueryBody.class), examples = @ExampleObject(name = "example", value = ApiBodies.QUERY_EXAMPLE))) String body) {
        MetricQuery q = QueryParser.parse(body);
        QueryService.Compiled c = engine.queries().compile(q, QueryService.Options.caller(caller.access(), q));
        return new ExplainResponse(QueryParser.toJson(q), Explain.resolved(c.resolved()), Explain.plan(c.plan()),
                c.sql().sql(), c.sql().binds().stream().map(b -> (Object) b.toString()).toList());
    }

}
