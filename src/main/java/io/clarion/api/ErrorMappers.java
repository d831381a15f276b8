package io.clarion.api;

import io.clarion.briefing.feedback.FeedbackException;
import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.query.QueryException;
import io.clarion.warehouse.WarehouseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns failures into specific status codes with plain JSON bodies; never a stack trace. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidQuery(QueryException e) {
        // "You may not" wins over "this is malformed": the caller learns why, not the catalog's shape.
        List<Issue> forbidden = e.errors().stream().filter(Issue::forbidden).toList();
        if (!forbidden.isEmpty()) {
            return json(Blame.FORBIDDEN.httpStatus(), new ApiError("forbidden", forbidden.get(0).message(), IssueRenderer.json(forbidden)));
        }
        return json(Blame.USER.httpStatus(), new ApiError("invalid_query", e.getMessage(), IssueRenderer.json(e.errors())));
    }

    @ServerExceptionMapper
    public Response forbidden(Forbidden e) {
        return json(403, ApiError.of("forbidden", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response warehouse(WarehouseException e) {
        return switch (e.kind()) {
            case UNAVAILABLE -> json(503, ApiError.of("warehouse_unavailable", e.getMessage()));
            case TIMEOUT -> json(504, ApiError.of("query_timeout", e.getMessage()));
            case FAILED -> {
                LOG.errorf("generated SQL failed: %s", e.getMessage());
                yield json(500, ApiError.of("query_failed", e.getMessage()));
            }
        };
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        String message = status == 415 ? "send the body as application/json" : e.getMessage();
        return json(status, ApiError.of(code, message));
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return json(400, ApiError.of(e.code(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response strictJson(io.clarion.query.StrictJson.Invalid e) {
        return json(400, ApiError.of(e.code(), "the body is " + (e.code().equals("malformed_json") ? "" : "refused: ") + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response feedback(FeedbackException e) {
        return json(400, ApiError.of(e.code(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(java.util.NoSuchElementException e) {
        return json(404, ApiError.of("not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return json(500, ApiError.of("internal_error", "something went wrong on our side; the server log has the details"));
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
