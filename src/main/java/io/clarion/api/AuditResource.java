package io.clarion.api;

import io.clarion.catalog.model.AccessPolicy.Privilege;
import io.clarion.governance.audit.AuditLog;
import io.clarion.engine.Engine;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** The audit log, newest first, for callers with the audit privilege. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    Engine engine;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Read the audit log", description = "Every query, chat question and tool call, briefing run and delivery, "
            + "feedback change and refused request, newest first. Filters: principal, kind (query, chat_question, tool_call, "
            + "briefing_run, delivery, feedback, access), outcome (ok, access_denied, ...), source, since and until (ISO instant or "
            + "date), before_id (paging), limit (default 100, at most 1000). Needs the audit privilege.")
    public List<AuditLog.Entry> search(@QueryParam("principal") String principal, @QueryParam("kind") String kind,
                                       @QueryParam("outcome") String outcome, @QueryParam("source") String source,
                                       @QueryParam("since") String since, @QueryParam("until") String until,
                                       @QueryParam("before_id") Long beforeId, @QueryParam("limit") @DefaultValue("100") int limit) {
        caller.require(Privilege.AUDIT, "read the audit log");
        List<String> kinds = Arrays.stream(AuditLog.Kind.values()).map(AuditLog.Kind::key).toList();
        if (kind != null && !kinds.contains(kind)) {
            throw new BadRequest("invalid_value", "unknown kind \"" + kind + "\"; expected one of " + String.join(", ", kinds));
        }
        if (limit < 1 || limit > AuditLog.MAX_PAGE) throw new BadRequest("invalid_value", "limit is between 1 and " + AuditLog.MAX_PAGE);
        return engine.audit().search(new AuditLog.Search(blank(principal), kind, blank(outcome), blank(source), instant("since", since),
                instant("until", until), beforeId, limit));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String name, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest("invalid_value", name + " = \"" + io.clarion.diagnostics.Echo.cap(v) + "\" is not a date (2026-06-15) or an instant (2026-06-15T08:00:00Z)");
        }
    }
}
