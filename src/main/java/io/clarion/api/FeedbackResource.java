package io.clarion.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.briefing.feedback.Feedback;
import io.clarion.briefing.feedback.FeedbackChange;
import io.clarion.briefing.feedback.FeedbackHistoryEntry;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.feedback.FollowUpStatus;
import io.clarion.briefing.feedback.Verdict;
import io.clarion.catalog.model.AccessPolicy.Privilege;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Owners' feedback on accounts flagged in briefings. Its own root path: resource classes sharing
 * a root path do not route reliably.
 */
@Path("/api/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {
    private static final Set<String> CHANGE_KEYS = Set.of("skill", "owner_id", "customer_id", "verdict", "status", "due_date",
            "note", "briefing_id", "risk_points", "by");

    @Inject
    FeedbackService feedback;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List current feedback on flagged accounts", description = "Filters: owner, status (open | in_progress | done), skill.")
    public List<Feedback> list(@QueryParam("owner") String owner, @QueryParam("status") String status, @QueryParam("skill") String skill) {
        OwnerScope scope = caller.ownerScope();
        FollowUpStatus st = status == null || status.isBlank() ? null : FollowUpStatus.parse(status);
        if (scope.none()) return List.of();
        if (!scope.all() && owner != null && !owner.isBlank() && !scope.allows(owner.strip())) {
            throw new Forbidden(caller.principal().describe() + " sees feedback on their own accounts only (owner " + scope.ownerId() + ")");
        }
        return feedback.list(scope.all() ? blankToNull(owner) : scope.ownerId(), st, blankToNull(skill));
    }

    @POST
    @Operation(summary = "Record feedback on a flagged account", description = "Body: {\"skill\": \"weekly-retention-risk\", \"owner_id\": \"...\", "
            + "\"customer_id\": \"...\", \"verdict\": \"confirmed | false_positive | handled\", \"status\": \"open | in_progress | done\", "
            + "\"due_date\": \"YYYY-MM-DD\", \"note\": \"...\", \"briefing_id\": 1, \"risk_points\": 5}. by defaults to the caller (only an operator may record on someone's behalf). "
            + "briefing_id defaults to the owner's latest briefing listing the customer; status to open when confirmed, done otherwise.")
    public Feedback record(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiBodies.FeedbackRequest.class))) String body) {
        JsonNode req = ChatResource.object(body, CHANGE_KEYS);
        // "by" defaults to the caller: the API knows who is asking.
        if (!req.hasNonNull("by") && req instanceof com.fasterxml.jackson.databind.node.ObjectNode o) o.put("by", caller.principal().name());
        FeedbackChange c = change(req);
        // Owners change feedback on their own accounts; anyone else needs the operate privilege.
        boolean operator = caller.access().has(Privilege.OPERATE);
        if (!operator && (caller.ownerScope().all() || !caller.ownerScope().allows(c.ownerId()))) {
            throw new Forbidden(caller.principal().describe() + " may record feedback only on their own accounts");
        }
        // Only an operator records feedback on someone's behalf ("by"); anyone else records it as themselves.
        String by = operator && c.by() != null ? c.by() : caller.principal().name();
        return feedback.record(new FeedbackChange(c.skill(), c.ownerId(), c.customerId(), c.verdict(), c.status(), c.dueDate(), c.note(),
                c.briefingId(), c.riskPoints(), by));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every change of one feedback entry, oldest first")
    public List<FeedbackHistoryEntry> history(@PathParam("id") long id) {
        OwnerScope scope = caller.ownerScope();
        if (!scope.all() && feedback.find(id).map(f -> !scope.allows(f.ownerId())).orElse(true)) {
            throw new java.util.NoSuchElementException("no feedback " + id);
        }
        return feedback.history(id);
    }

    static FeedbackChange change(JsonNode req) {
        return new FeedbackChange(text(req, "skill"), text(req, "owner_id"), text(req, "customer_id"),
                Verdict.parse(text(req, "verdict")), text(req, "status") == null ? null : FollowUpStatus.parse(text(req, "status")),
                date(req, "due_date"), text(req, "note"), number(req, "briefing_id") == null ? null : number(req, "briefing_id").longValue(),
                riskPoints(req), text(req, "by"));
    }

    private static String text(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new BadRequest("invalid_type", "\"" + field + "\" is text");
        return v.asText();
    }

    private static Number number(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new BadRequest("invalid_type", "\"" + field + "\" is a whole number");
        return v.longValue();
    }

    /** Risk points fit an int: a larger number is refused, not wrapped (12345678901 would be stored as 1215752191). */
    private static Integer riskPoints(JsonNode req) {
        Number n = number(req, "risk_points");
        if (n == null) return null;
        if (n.longValue() > Integer.MAX_VALUE || n.longValue() < Integer.MIN_VALUE) {
            throw new BadRequest("invalid_value", "\"risk_points\" is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return n.intValue();
    }

    private static LocalDate date(JsonNode req, String field) {
        String s = text(req, field);
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest("invalid_due_date", "\"" + field + "\" is a date written YYYY-MM-DD, not \"" + io.clarion.diagnostics.Echo.cap(s) + "\"");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
