package io.clarion.api;

import io.clarion.briefing.feedback.CyclePrecision;
import io.clarion.briefing.feedback.FeedbackService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** How well each cycle's flags held up with the owners who received them. */
@Path("/api/v1/briefings/precision")
@Produces(MediaType.APPLICATION_JSON)
public class BriefingPrecisionResource {
    @Inject
    FeedbackService feedback;

    @GET
    @Operation(summary = "Precision of a briefing skill per cycle", description = "confirmed / (confirmed + false positives) of the latest verdict per flagged account.")
    public List<CyclePrecision> precision(@QueryParam("skill") String skill) {
        if (skill == null || skill.isBlank()) throw new BadRequest("missing_field", "\"skill\" is required, e.g. ?skill=weekly-retention-risk");
        return feedback.precisionByCycle(skill);
    }
}
