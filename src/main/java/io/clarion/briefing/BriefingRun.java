package io.clarion.briefing;

import io.clarion.engine.PopulationReads;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cycle of a briefing skill: score accounts as of the reference date, build each owner's
 * briefing and store it (with a pending delivery per channel) before anything is sent. Running
 * the same cycle again finds the stored briefings and builds nothing new.
 */
public final class BriefingRun {

    /**
     * @param built     briefings stored by this run
     * @param existing  briefings of this cycle that were already stored (kept, not rebuilt)
     * @param briefings every owner's briefing of the cycle with its stored id (0 in a dry run)
     */
    public record Report(String skill, LocalDate cycle, boolean dryRun, int accountsInScope, int flagged,
                         BigDecimal mrrAtRisk, int built, int existing, List<Built> briefings, List<String> notes,
                         long millis) {
        public Report withNotes(List<String> more) {
            if (more.isEmpty()) return this;
            List<String> all = new ArrayList<>(notes);
            all.addAll(more);
            return new Report(skill, cycle, dryRun, accountsInScope, flagged, mrrAtRisk, built, existing, briefings, all, millis);
        }
    }

    /** @param queued deliveries this run created for the briefing (0 when it was already stored, or in a dry run) */
    public record Built(long id, OwnerBriefing briefing, int queued) {
    }

    private final QueryService queries;
    private final BriefingStore store;
    private final io.clarion.briefing.feedback.FeedbackService feedback;

    private final ChurnModels models;
    private final Audit audit;

    /**
     * The run's audit row, written on the connection and in the transaction that stores the cycle:
     * the briefings, their deliveries and the row are committed together, and a row that cannot be
     * written rolls the cycle back (the run fails rather than succeeding unaudited).
     */
    @FunctionalInterface
    public interface Audit {
        Audit NONE = (c, cycle, briefings, flagged) -> { };

        void record(java.sql.Connection c, LocalDate cycle, int briefings, int flagged);
    }

    public BriefingRun(QueryService queries, BriefingStore store, io.clarion.briefing.feedback.FeedbackService feedback) {
        this(queries, store, feedback, null);
    }

    public BriefingRun(QueryService queries, BriefingStore store, io.clarion.briefing.feedback.FeedbackService feedback, ChurnModels models) {
        this(queries, store, feedback, models, Audit.NONE);
    }

    /** @param models the skills' churn models: a skill with a promoted model is scored by the newest one (null: rules only) */
    public BriefingRun(QueryService queries, BriefingStore store, io.clarion.briefing.feedback.FeedbackService feedback, ChurnModels models,
                       Audit audit) {
        this.audit = audit;
        this.queries = queries;
        this.store = store;
        this.feedback = feedback;
        this.models = models;
    }

    public Report run(BriefingSpec spec, LocalDate asOf, boolean dryRun) {
        return run(spec, asOf, dryRun, null);
    }

    /** @param whatChanged the what-changed skill's spec whose sentences every briefing carries (null: none) */
    public Report run(BriefingSpec spec, LocalDate asOf, boolean dryRun, io.clarion.briefing.change.WhatChangedSpec whatChanged) {
        return run(spec, asOf, dryRun, whatChanged, line -> { });
    }

    /** @param progress hears a line per stage (the command line prints them; a 100,000-customer cycle takes a while) */
    public Report run(BriefingSpec spec, LocalDate asOf, boolean dryRun, io.clarion.briefing.change.WhatChangedSpec whatChanged,
                      java.util.function.Consumer<String> progress) {
        long t0 = System.nanoTime();
        QueryService q = asOf == null ? queries : queries.withReferenceDate(asOf);
        LocalDate cycle = q.referenceDate();
        progress.accept("scoring accounts as of " + cycle + " on " + spec.model().signals().size() + " signals");
        // Contents reach people by email and Slack: PII is masked in them. Only the addressing reads it.
        QueryService content = q.as(io.clarion.governance.policy.Access.FULL.withoutPii());
        RiskScoring.Assessment assessment = new RiskScoring(content).assess(spec.model(), progress);
        String scoredBy = "scored by the rules (" + spec.model().signals().size() + " signals)";
        java.util.Optional<io.clarion.model.TrainedModel> model = spec.churn() == null || models == null ? java.util.Optional.empty()
                : models.usable(spec);
        if (model.isPresent()) {
            progress.accept("scoring accounts with " + model.get().describe());
            assessment = ModelScoring.apply(assessment, ModelScoring.scores(content, spec.churn(), model.get()), model.get());
            scoredBy = "scored by " + model.get().describe() + ", the newest promoted model (" + model.get().gate().reason()
                    + "); the rule signals that fired are shown beside its drivers";
            int used = model.get().version();
            scoredBy += models.store().current(spec.skill()).filter(m -> m.version() > used)
                    .map(m -> "; the newer v" + m.version() + " was " + m.gate().reason()).orElse("");
        } else if (spec.churn() != null && models != null) {
            scoredBy += models.store().current(spec.skill()).map(m -> ": no promoted churn model; the newest, " + m.describe() + ", was "
                            + (m.promoted() ? "trained on other features than the skill declares now" : m.gate().reason()))
                    .orElse(": no churn model is trained yet (clarion model train " + spec.skill() + ")");
        }
        progress.accept(String.format(java.util.Locale.ROOT, "%,d accounts in scope, %,d flagged; data-quality checks and what changed",
                assessment.accountsInScope(), assessment.flagged().size()));
        // The business-wide notes (unowned accounts among them) are the operator's: the run's report, never a briefing.
        DataQuality.Notes notes = DataQuality.collect(content, assessment);
        Map<String, OwnerBriefing.Recipient> owners = recipients(q, spec);
        List<OwnerBriefing> briefings = BriefingBuilder.build(new BriefingBuilder.Inputs(spec.skill(), cycle, assessment,
                owners, feedback.currentFor(spec.skill()), store.previous(spec.skill(), cycle), spec.model().maxPerOwner(),
                spec.suppressWeeks(), List.of(), Map.of(), List.of()));
        progress.accept("data-quality notes and what changed as each of " + briefings.size() + " recipients");
        RecipientViews.Result views = RecipientViews.compute(q, briefings, whatChanged, cycle, progress);
        briefings = views.briefings();
        if (!dryRun) progress.accept("storing " + briefings.size() + " owner briefings");
        List<RiskScoring.ScoredAccount> flagged = assessment.flagged();
        List<Built> out = new ArrayList<>();
        int built = 0;
        int existing = 0;
        if (dryRun) {
            for (OwnerBriefing b : briefings) out.add(new Built(0, b, 0));
        } else {
            List<BriefingStore.ToSave> items = briefings.stream().map(b -> new BriefingStore.ToSave(b, channelsFor(spec, b.owner()))).toList();
            int recipients = briefings.size();
            List<BriefingStore.Saved> saved = store.saveAll(items, c -> audit.record(c, cycle, recipients, flagged.size()));
            for (int i = 0; i < items.size(); i++) {
                BriefingStore.Saved s = saved.get(i);
                if (s.created()) built++;
                else existing++;
                // Counted here, from what this run inserted: a concurrent trigger's deliveries are its own to report.
                out.add(new Built(s.id(), items.get(i).briefing(), s.created() ? items.get(i).channels().size() : 0));
            }
        }
        BigDecimal mrr = flagged.stream().map(RiskScoring.ScoredAccount::mrr).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Report(spec.skill(), cycle, dryRun, assessment.accountsInScope(), flagged.size(), mrr, built, existing,
                out, prepend(scoredBy, notes.global(), views.notes()), (System.nanoTime() - t0) / 1_000_000);
    }

    private static List<String> prepend(String first, List<String> rest, List<String> more) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        all.addAll(more);
        return all;
    }

    /** The role and attribute a briefing's recipient is read with: what the owner would see asking the query API. */
    static final String RECIPIENT_ROLE = "owner";
    static final String RECIPIENT_ATTRIBUTE = "owner_id";

    /** What the owner's own queries reach, PII masked (the contents go out by email and Slack). */
    public static io.clarion.governance.policy.Access recipientAccess(QueryService q, String ownerId) {
        return q.access(new io.clarion.governance.policy.Principal(ownerId, List.of(RECIPIENT_ROLE), Map.of(RECIPIENT_ATTRIBUTE, ownerId)))
                .withoutPii();
    }

    /** Slack only for owners with a Slack user id; email for everyone (an owner without one fails visibly). */
    static List<String> channelsFor(BriefingSpec spec, OwnerBriefing.Recipient owner) {
        return spec.channels().stream().filter(c -> !c.equals("slack") || owner.slackUserId() != null).toList();
    }

    private static Map<String, OwnerBriefing.Recipient> recipients(QueryService q, BriefingSpec spec) {
        QueryResult r = PopulationReads.readAll(q, spec.recipients(), "recipients");
        int key = PopulationReads.column(r, spec.recipientKey(), "recipients");
        int name = PopulationReads.column(r, spec.recipientName(), "recipients");
        // A skill may leave out e-mail or Slack (a catalog whose owners have no Slack id): those channels then have no address.
        int email = spec.recipientEmail() == null ? -1 : PopulationReads.column(r, spec.recipientEmail(), "recipients");
        int slack = spec.recipientSlack() == null ? -1 : PopulationReads.column(r, spec.recipientSlack(), "recipients");
        Map<String, OwnerBriefing.Recipient> out = new LinkedHashMap<>();
        for (List<Object> row : r.rows()) {
            if (row.get(key) == null) continue;
            out.put(row.get(key).toString(), new OwnerBriefing.Recipient(row.get(key).toString(), text(row.get(name)),
                    email < 0 ? null : text(row.get(email)), slack < 0 ? null : text(row.get(slack))));
        }
        return out;
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
