package io.clarion.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.app.Agents;
import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.FeedbackStore;
import io.clarion.catalog.model.AccessPolicy.Privilege;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.List;
import java.util.Set;

/** Plain-language questions answered with certified metrics, and feedback on the answers. */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {
    @Inject
    Agents.Chat chat;

    @Inject
    Caller caller;

    @POST
    @Path("/chat")
    @Operation(summary = "Ask a question", description = "Body: {\"message\": \"...\", \"session_id\": \"...\"}. "
            + "Answers with the table, the query and SQL behind it, and the definitions used; follow-ups in the same session edit the previous query.")
    public ChatResponse ask(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiBodies.ChatRequest.class), examples = @ExampleObject(name = "example", value = ApiBodies.CHAT_EXAMPLE))) String body) {
        JsonNode req = object(body, Set.of("message", "session_id"));
        JsonNode message = req.get("message");
        if (message == null || !message.isTextual() || message.asText().isBlank()) {
            throw new BadRequest("missing_field", "\"message\" is required: the question, as text");
        }
        JsonNode session = req.get("session_id");
        if (session != null && !session.isNull() && !session.isTextual()) {
            throw new BadRequest("invalid_type", "\"session_id\" is text: the session_id of an earlier answer");
        }
        return chat.service().ask(caller.access(), message.asText(), session == null || session.isNull() ? null : session.asText());
    }

    @POST
    @Path("/chat/{session_id}/feedback")
    @Operation(summary = "Give feedback on an answer", description = "Body: {\"helpful\": true|false, \"comment\": \"...\", "
            + "\"turn\": 1, \"corrected_query\": {metric query}}. turn defaults to the latest answer.")
    public FeedbackStore.Feedback feedback(@PathParam("session_id") String sessionId, @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiBodies.ChatFeedbackRequest.class), examples = @ExampleObject(name = "example", value = ApiBodies.CHAT_FEEDBACK_EXAMPLE))) String body) {
        JsonNode req = object(body, Set.of("helpful", "comment", "turn", "corrected_query"));
        JsonNode helpful = req.get("helpful");
        if (helpful == null || !helpful.isBoolean()) throw new BadRequest("missing_field", "\"helpful\" (true or false) is required");
        JsonNode turn = req.get("turn");
        if (turn != null && !turn.isNull() && !turn.canConvertToInt()) throw new BadRequest("invalid_type", "\"turn\" is a number");
        JsonNode comment = req.get("comment");
        MetricQuery corrected = req.hasNonNull("corrected_query") ? QueryParser.parse(req.get("corrected_query")) : null;
        return chat.feedback().give(caller.principal(), sessionId, turn == null || turn.isNull() ? null : turn.asInt(), helpful.asBoolean(),
                comment == null || comment.isNull() ? null : comment.asText(), corrected);
    }

    @GET
    @Path("/chat/feedback")
    @Operation(summary = "List feedback on chat answers")
    public List<FeedbackStore.Feedback> feedbackList() {
        caller.require(Privilege.OPERATE, "read everyone's chat feedback");
        return chat.feedback().list();
    }

    @POST
    @Path("/verified-queries")
    @Operation(summary = "Promote a corrected query to a verified query", description = "Body: {\"feedback_id\": 1, \"verified_by\": \"...\", \"question\": \"...\"}")
    public FeedbackStore.Promoted promote(@RequestBody String body) {
        caller.require(Privilege.OPERATE, "promote verified queries");
        JsonNode req = object(body, Set.of("feedback_id", "verified_by", "question"));
        JsonNode id = req.get("feedback_id");
        if (id == null || !id.canConvertToLong()) throw new BadRequest("missing_field", "\"feedback_id\" (a number) is required");
        return chat.feedback().promote(id.asLong(), req.path("question").asText(null), req.path("verified_by").asText(null));
    }

    @GET
    @Path("/verified-queries")
    @Operation(summary = "List verified queries promoted from feedback")
    public List<FeedbackStore.Promoted> promoted() {
        return chat.feedback().promoted();
    }

    /** The body as a JSON object with only the known keys; anything else is a 400 naming the problem. */
    static JsonNode object(String body, Set<String> keys) {
        // Strict: duplicate keys, trailing content, comments, NUL bytes and over-long text are 400s.
        JsonNode req;
        try {
            req = io.clarion.query.StrictJson.read(body);
        } catch (io.clarion.query.StrictJson.Invalid e) {
            throw new BadRequest(e.code(), "the body is " + (e.code().equals("malformed_json") ? "" : "refused: ") + e.getMessage());
        }
        if (req == null || !req.isObject()) throw new BadRequest("malformed_json", "the body must be a JSON object");
        req.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                throw new BadRequest("unknown_key", "unknown field \"" + io.clarion.diagnostics.Echo.cap(k) + "\"; expected "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        });
        return req;
    }
}
