package io.clarion.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.SkillRuns;
import io.clarion.briefing.change.WhatChangedException;
import io.clarion.briefing.skill.Skill;
import io.clarion.governance.audit.AuditLog;
import io.clarion.engine.Engine;
import io.clarion.engine.QueryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The skills, and running the on-demand ones: a customer's profile card, what changed. */
@Path("/api/v1/skills")
@Produces(MediaType.APPLICATION_JSON)
public class SkillResource {
    @Inject
    Briefings briefings;
    @Inject
    Caller caller;
    @Inject
    Engine engine;

    /** {@code enabled} false: the skill does not bind to this catalog; {@code problem} says why (file:line:column). */
    public record SkillInfo(String name, String kind, String description, String question, Map<String, Object> parameters,
                            String schedule, boolean enabled, String problem) {
    }

    @GET
    @Operation(summary = "Every skill: kind, description, question, parameters with their values, schedule; a skill switched off for this catalog with enabled false and the problem")
    public List<SkillInfo> list() {
        List<SkillInfo> out = new java.util.ArrayList<>(briefings.skills().stream().map(s -> {
            Map<String, Object> params = new LinkedHashMap<>();
            s.parameters().forEach((k, v) -> params.put(k, v.value()));
            return new SkillInfo(s.name(), s.kind().key(), s.description(), s.question(), params,
                    s.schedule() == null ? null : s.schedule().cron() + " " + s.schedule().timezone(), true, null);
        }).toList());
        for (var d : briefings.disabledSkills()) {
            out.add(new SkillInfo(d.name(), null, null, null, Map.of(), null, false, d.reason()));
        }
        return out;
    }

    @POST
    @Path("/{name}/run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a profile or what-changed skill now",
            description = "Body: {\"parameters\": {\"customer_id\": \"cus_000042\"}, \"as_of\": \"2026-06-15\"} (both optional). "
                    + "A profile skill returns its sections; a what-changed skill its analysis. Risk briefings run at /api/v1/briefings/{skill}/run.")
    public Object run(@PathParam("name") String name, String body) {
        Skill skill = briefings.skill(name).orElseThrow(() -> new NoSuchElementException("no skill " + name + " (known: "
                + String.join(", ", briefings.skills().stream().map(Skill::name).toList()) + ")"));
        Map<String, Object> params = new LinkedHashMap<>();
        LocalDate asOf = null;
        if (body != null && !body.isBlank()) {
            JsonNode n = ChatResource.object(body, java.util.Set.of("parameters", "as_of"));
            JsonNode p = n.path("parameters");
            if (!p.isMissingNode() && !p.isObject()) throw new BadRequest("invalid_value", "\"parameters\" must be an object");
            p.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isNumber() && !v.isTextual() && !v.isBoolean()) {
                    throw new BadRequest("invalid_value", "parameter \"" + io.clarion.diagnostics.Echo.cap(e.getKey()) + "\" must be text or a number");
                }
                params.put(e.getKey(), v.isNumber() ? v.numberValue() : v.asText());
            });
            if (n.hasNonNull("as_of")) {
                try {
                    asOf = LocalDate.parse(n.get("as_of").asText());
                } catch (DateTimeParseException e) {
                    throw new BadRequest("invalid_date", "as_of must be a date like 2026-06-15, got '" + io.clarion.diagnostics.Echo.cap(n.get("as_of").asText()) + "'");
                }
            }
        }
        // Skills run as the caller: an owner's what-changed covers their own accounts, PII is masked as in queries.
        var queries = briefings.queries().as(caller.access());
        long start = System.nanoTime();
        String outcome = "error";
        String message = null;
        try {
            Object result = runSkill(skill, name, params, asOf, queries);
            outcome = "ok";
            return result;
        } catch (RuntimeException e) {
            message = e.getMessage();
            throw e;
        } finally {
            engine.audit().event(AuditLog.Kind.QUERY, "skill", caller.principal(), name + (params.isEmpty() ? "" : " " + params), null,
                    start, outcome, message);
        }
    }

    private Object runSkill(Skill skill, String name, Map<String, Object> params, LocalDate asOf,
                            QueryService queries) {
        try {
            return switch (skill.kind()) {
                case PROFILE -> Map.of("skill", name, "sections", SkillRuns.profile(skill, params, asOf == null
                        ? queries : queries.withReferenceDate(asOf)));
                case WHAT_CHANGED -> SkillRuns.whatChanged(skill, params, queries, asOf);
                case RISK_BRIEFING -> throw new BadRequest("wrong_endpoint",
                        "run risk briefings with POST /api/v1/briefings/" + name + "/run (add ?dry_run=true to send nothing)");
            };
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid_parameters", e.getMessage());
        } catch (WhatChangedException e) {
            throw new BadRequest("invalid_skill", e.getMessage());
        }
    }
}
