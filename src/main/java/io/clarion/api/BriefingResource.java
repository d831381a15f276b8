package io.clarion.api;

import io.clarion.briefing.BriefingPreview;
import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.BriefingStore;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.OwnerBriefing;
import io.clarion.briefing.feedback.CyclePrecision;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.catalog.model.AccessPolicy.Privilege;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Retention-risk briefings: run a skill now, list what was built and sent, read one, and precision per cycle. */
@Path("/api/v1/briefings")
@Produces(MediaType.APPLICATION_JSON)
public class BriefingResource {
    @Inject
    Briefings briefings;
    @Inject
    FeedbackService feedback;
    @Inject
    BriefingStore store;
    @Inject
    Caller caller;

    public record OwnerLine(long id, String ownerId, String ownerName, int flagged, int shown, BigDecimal mrrAtRisk) {
    }

    public record RunResponse(String skill, LocalDate cycle, boolean dryRun, int accountsInScope, int flagged,
                              BigDecimal mrrAtRisk, int built, int alreadyBuilt, int deliveriesQueued,
                              List<OwnerLine> briefings, List<String> notes, long millis,
                              List<OwnerBriefing> preview) {
    }

    public record Detail(BriefingStore.Summary briefing, OwnerBriefing content) {
    }

    @POST
    @Path("/{skill}/run")
    @Operation(summary = "Run a briefing skill now",
            description = "Builds and stores every owner's briefing for the cycle (the reference date, or as_of) and starts sending in the "
                    + "background; follow each delivery with GET /api/v1/briefings. "
                    + "A cycle already built is kept and not sent again. dry_run=true builds and returns the briefings without storing or sending.")
    public RunResponse run(@PathParam("skill") String skill, @QueryParam("dry_run") String dryRunParam,
                           @QueryParam("as_of") String asOf) {
        boolean dryRun = QueryParams.bool("dry_run", dryRunParam, false);
        LocalDate date = date(asOf);
        caller.require(Privilege.OPERATE, "run briefings");
        Briefings.Started out;
        try {
            out = briefings.start(caller.principal(), skill, date, dryRun);
        } catch (Briefings.UnknownSkill e) {
            throw new NoSuchElementException(e.getMessage());
        }
        BriefingRun.Report r = out.report();
        List<OwnerLine> lines = r.briefings().stream().map(b -> new OwnerLine(b.id(), b.briefing().owner().ownerId(),
                b.briefing().owner().name(), b.briefing().headline().flagged(), b.briefing().headline().shown(),
                b.briefing().headline().mrrAtRisk())).toList();
        return new RunResponse(r.skill(), r.cycle(), r.dryRun(), r.accountsInScope(), r.flagged(), r.mrrAtRisk(), r.built(),
                r.existing(), out.deliveriesQueued(), lines, r.notes(), r.millis(),
                dryRun ? r.briefings().stream().map(BriefingRun.Built::briefing).map(this::masked).toList() : List.of());
    }

    @GET
    @Operation(summary = "Briefings built, newest cycle first, with each channel's delivery status and last error")
    public List<BriefingStore.Summary> list(@QueryParam("skill") String skill, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) throw new BadRequest("invalid_limit", "limit must be between 1 and 1000, got " + limit);
        OwnerScope scope = caller.ownerScope();
        if (scope.none()) return List.of();
        // The owner filter is part of the store's query, so limit counts the caller's own briefings.
        return store.list(skill == null || skill.isBlank() ? null : skill, scope.ownerId(), limit);
    }

    @GET
    @Path("/{id: [0-9]+}")
    @Operation(summary = "One briefing: its accounts, evidence and deliveries")
    public Detail get(@PathParam("id") long id) {
        OwnerScope scope = caller.ownerScope();
        BriefingStore.Detail d = store.get(id).filter(x -> scope.allows(x.summary().ownerId()))
                .orElseThrow(() -> new NoSuchElementException("no briefing " + id));
        return new Detail(d.summary(), masked(d.briefing()));
    }

    /** The recipient's address and Slack id are PII: shown only to callers with the pii privilege. */
    private OwnerBriefing masked(OwnerBriefing b) {
        if (!caller.access().masksPii() || b.owner() == null) return b;
        OwnerBriefing.Recipient o = b.owner();
        return new OwnerBriefing(b.skill(), b.cycle(), new OwnerBriefing.Recipient(o.ownerId(), o.name(),
                o.email() == null ? null : "[masked]", o.slackUserId() == null ? null : "[masked]"), b.accounts(), b.headline(),
                b.changes(), b.dataQuality(), b.whatChanged());
    }

    @GET
    @Path("/{id: [0-9]+}/preview")
    @Operation(summary = "A stored briefing as its owner receives it",
            description = "render=html (the email, default), text (the email's plain-text part) or slack (the Slack blocks). Marked as a "
                    + "preview: the subject starts with \"[Preview] \", a note opens the body, and the feedback links are the owner's working ones "
                    + "(an answer through them is recorded as the owner's). Needs the operate privilege.")
    public BriefingPreview preview(@PathParam("id") long id, @QueryParam("render") String render) {
        caller.require(Privilege.OPERATE, "preview owners' briefings");
        return BriefingPreview.stored(briefings, id, render(render));
    }

    @GET
    @Path("/{skill}/preview")
    @Operation(summary = "One owner's briefing of a dry run, as they would receive it",
            description = "Builds the cycle (the reference date, or as_of) without storing or sending, and renders the briefing of owner "
                    + "(an owner_id such as own_001): render=html, text or slack. Marked as a preview like GET /{id}/preview, with the owner's "
                    + "working feedback links. Needs the operate privilege.")
    public BriefingPreview dryRunPreview(@PathParam("skill") String skill, @QueryParam("owner") String owner,
                                         @QueryParam("as_of") String asOf, @QueryParam("render") String render) {
        if (owner == null || owner.isBlank()) throw new BadRequest("missing_field", "\"owner\" is required, e.g. ?owner=own_001");
        BriefingPreview.Render r = render(render);
        LocalDate date = date(asOf);
        caller.require(Privilege.OPERATE, "preview owners' briefings");
        try {
            return BriefingPreview.dryRun(briefings, briefings.start(caller.principal(), skill, date, true).report(), owner.strip(), r);
        } catch (Briefings.UnknownSkill e) {
            throw new NoSuchElementException(e.getMessage());
        }
    }

    private static BriefingPreview.Render render(String render) {
        try {
            return BriefingPreview.Render.parse(render);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid_value", e.getMessage());
        }
    }

    private static LocalDate date(String asOf) {
        if (asOf == null || asOf.isBlank()) return null;
        try {
            return LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest("invalid_date", "as_of must be a date like 2026-06-15, got '" + io.clarion.diagnostics.Echo.cap(asOf) + "'");
        }
    }

    @GET
    @Path("/precision")
    @Operation(summary = "Precision of a briefing skill per cycle", description = "confirmed / (confirmed + false positives) of the latest verdict per flagged account.")
    public List<CyclePrecision> precision(@QueryParam("skill") String skill) {
        if (skill == null || skill.isBlank()) throw new BadRequest("missing_field", "\"skill\" is required, e.g. ?skill=weekly-retention-risk");
        OwnerScope scope = caller.ownerScope();
        if (scope.none()) return List.of();
        // An owner gets the precision of their own verdicts, not company-wide counts.
        return feedback.precisionByCycle(skill, scope.ownerId());
    }

    /** One stored model version: its window, measures and the promotion gate's verdict. */
    public record ModelVersion(int version, java.time.Instant createdAt, boolean promoted, io.clarion.model.PromotionGate gate,
                               io.clarion.model.Metrics.Summary validation, io.clarion.model.Metrics.Summary rules,
                               io.clarion.model.TrainedModel.Window window, List<String> features) {
    }

    /**
     * @param usedVersion the model the briefing scores with (null: its rules)
     * @param nextRetraining when the scheduler retrains it next (null: no retraining schedule, or the scheduler is off)
     */
    public record ModelStatus(String skill, boolean declaresModel, Integer usedVersion, String retrain, Date nextRetraining,
                              List<ModelVersion> versions) {
    }

    @GET
    @Path("/{skill}/model")
    @Operation(summary = "A risk skill's churn model versions, newest first, with each one's promotion gate result",
            description = "The briefing scores with the newest promoted model (used_version), else its rules. A model is promoted only "
                    + "when, on dates newer than its training rows, its PR-AUC beats the base rate, the rules and the model promoted before it.")
    public ModelStatus model(@PathParam("skill") String skill) {
        caller.require(Privilege.OPERATE, "read a skill's model status");
        io.clarion.briefing.BriefingSpec spec;
        try {
            spec = briefings.spec(skill);
        } catch (Briefings.UnknownSkill e) {
            throw new NoSuchElementException(e.getMessage());
        }
        var models = briefings.models();
        List<ModelVersion> versions = models.store().history(spec.skill()).stream().map(m -> new ModelVersion(m.version(), m.createdAt(),
                m.promoted(), m.gate(), m.validation(), m.rules(), m.window(), m.featureNames())).toList();
        Integer used = models.usable(spec).map(io.clarion.model.TrainedModel::version).orElse(null);
        return new ModelStatus(spec.skill(), spec.churn() != null, used, spec.churn() == null ? null : spec.churn().retrain(),
                briefings.nextRetrainings().get(spec.skill()), versions);
    }

    @GET
    @Path("/schedule")
    @Operation(summary = "Each briefing skill's next scheduled run (empty when the scheduler is off)")
    public Map<String, Date> schedule() {
        return briefings.nextRuns();
    }
}
