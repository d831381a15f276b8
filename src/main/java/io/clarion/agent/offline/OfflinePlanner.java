package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.VerifiedQuery;
import io.clarion.agent.language.Refusals;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon;
import io.clarion.agent.linking.LinkedMentions;

import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.engine.QueryService;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Question → certified metric query from the catalog alone: no LLM, no network. It reads, in
 * order: refusals; verified questions; an answer to its own clarifying question; then the
 * question itself ({@link Reading}): shape phrases first ({@link PhraseReader}: date ranges,
 * comparisons, ranking, shares), then names of catalog members and values in what is left, the
 * role each plays ({@link Roles}), the metric asked for ({@link MetricChoice}) and the query
 * ({@link QueryDraft}, {@link QueryAssembler}). Anything it cannot place it says so instead of guessing.
 */
public final class OfflinePlanner implements QuestionPlanner {
    private final QueryService queries;
    private final Catalog catalog;
    private volatile Lexicon lexicon;
    private volatile LinkedMentions linked;
    private volatile VerifiedMatcher verified;
    private final java.util.concurrent.CountDownLatch valuesRead = new java.util.concurrent.CountDownLatch(1);
    private volatile java.time.Duration valuesWait = java.time.Duration.ZERO;

    private OfflinePlanner(QueryService queries, Lexicon lexicon, VerifiedMatcher verified) {
        this.queries = queries;
        this.catalog = queries.catalog();
        this.lexicon = lexicon;
        this.verified = verified;
    }

    /** A planner over the catalog's names only (no dimension values, no verified queries). */
    public static OfflinePlanner create(QueryService queries) {
        return create(queries, Map.of(), List.of());
    }

    public static OfflinePlanner create(QueryService queries, Map<Dimension, List<String>> values,
                                        List<VerifiedQuery> verified) {
        Lexicon lex = Lexicon.of(queries.catalog(), values, m -> m.info().certified());
        OfflinePlanner planner = new OfflinePlanner(queries, lex, new VerifiedMatcher(verified));
        planner.linked = planner.linking(values);
        return planner;
    }

    /** The fallback linker; with values read, words are also linked by meaning (the embedding model loads then). */
    private LinkedMentions linking(Map<Dimension, List<String>> values) {
        return LinkedMentions.of(catalog, values, m -> m.info().certified(),
                values.isEmpty() ? io.clarion.agent.linking.Embedder.NONE : io.clarion.agent.linking.MiniLmEmbedder.shared());
    }

    /** The catalog and linkers as they are now: one question reads with one set, even if values are re-read meanwhile. */
    private ReaderContext context() {
        return new ReaderContext(queries, catalog, lexicon, linked);
    }

    @Override
    public String name() {
        return "offline";
    }

    /** Dimension values read (or re-read) from the warehouse: "enterprise" becomes a segment filter. */
    public void useValues(Map<Dimension, List<String>> values) {
        this.linked = linking(values);
        this.lexicon = Lexicon.of(catalog, values, m -> m.info().certified());
        valuesRead.countDown();
    }

    /** Until the first values are read, a question waits this long for them (not forever: a slow warehouse must not stall chat). */
    public void awaitValuesFor(java.time.Duration d) {
        this.valuesWait = d;
    }

    public List<VerifiedQuery> verifiedQueries() {
        return verified.all();
    }

    public void useVerified(List<VerifiedQuery> verifiedQueries) {
        this.verified = new VerifiedMatcher(verifiedQueries);
    }

    @Override
    public PlannerOutcome plan(String question, Conversation conversation) {
        return plan(question, conversation, (io.clarion.governance.policy.Access) null);
    }

    /** As the caller: a row the question names is looked up among the rows the caller may see, no others. */
    @Override
    public PlannerOutcome plan(String question, Conversation conversation, io.clarion.governance.policy.Access access) {
        if (!valuesWait.isZero()) {
            try {
                valuesRead.await(valuesWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Taken once the values are read (or the wait is over): the linkers as they are now.
        ReaderContext own = context();
        ReaderContext ctx = access == null ? own : new ReaderContext(queries.as(access), own.catalog(), own.lexicon(), own.linked());
        Optional<String> refusal = Refusals.check(question);
        if (refusal.isPresent()) return new PlannerOutcome.Refused(refusal.get());
        Optional<VerifiedQuery> v = verified.match(question);
        if (v.isPresent()) {
            VerifiedQuery vq = v.get();
            return new PlannerOutcome.Planned(vq.query(), List.of("Answered with the verified query for \""
                    + vq.question() + "\"" + (vq.verifiedBy() == null ? "" : " (verified by " + vq.verifiedBy()
                    + (vq.verifiedAt() == null ? "" : " on " + vq.verifiedAt()) + ")") + "."), "verified");
        }
        Optional<PlannerOutcome> chosen = answerToClarification(question, conversation);
        if (chosen.isPresent()) return chosen.get();
        return new Reading(ctx, question, conversation).plan();
    }

    /**
     * "Via agents": the answer to a join-path question re-plans the question asked before it
     * with that path pinned. "The gross one" (or the option's button): the answer to a
     * which-metric question re-plans it with that metric, keeping its grouping and time range.
     */
    private Optional<PlannerOutcome> answerToClarification(String answer, Conversation conversation) {
        Conversation.Turn last = conversation.lastTurn();
        if (last == null || last.options().isEmpty()) return Optional.empty();
        List<String> picked = new ArrayList<>();
        for (String option : last.options()) if (option.equalsIgnoreCase(answer.trim())) picked.add(option);
        if (picked.isEmpty()) {
            Set<String> words = new HashSet<>(Text.contentStems(answer));
            for (String option : last.options()) {
                Set<String> own = new HashSet<>(Text.contentStems(option));
                for (String other : last.options()) if (!other.equals(option)) own.removeAll(Text.contentStems(other));
                if (own.stream().anyMatch(words::contains)) picked.add(option);
            }
        }
        if (picked.size() != 1) return Optional.empty();
        if (!picked.get(0).contains(" -> ")) return answerToMetricQuestion(picked.get(0), last, conversation);
        Reading r = new Reading(context(), last.question(), conversation);
        r.joinPath = List.of(picked.get(0).split(" -> "));
        PlannerOutcome o = r.plan();
        if (o instanceof PlannerOutcome.Planned p) {
            List<String> a = new ArrayList<>(p.assumptions());
            a.add("Joined " + picked.get(0) + ", as you chose.");
            return Optional.of(new PlannerOutcome.Planned(p.query(), a, p.basis()));
        }
        return Optional.of(o);
    }

    /**
     * Only when the question asked before reads again with the pick as its metric; otherwise
     * the answer is read as a question of its own, as before.
     */
    private Optional<PlannerOutcome> answerToMetricQuestion(String metric, Conversation.Turn asked, Conversation conversation) {
        Reading r = new Reading(context(), asked.question(), conversation);
        r.chosenMetric = metric;
        if (r.plan() instanceof PlannerOutcome.Planned p && p.query().metrics().contains(metric)) return Optional.of(p);
        return Optional.empty();
    }

    /** Plans without the verified-question shortcut (to test that verified questions are understood). */
    public PlannerOutcome planFromScratch(String question) {
        Optional<String> refusal = Refusals.check(question);
        if (refusal.isPresent()) return new PlannerOutcome.Refused(refusal.get());
        return new Reading(context(), question, Conversation.empty("-")).plan();
    }

    /** How the planner read a question: its words and the catalog names it found (for debugging). */
    String trace(String question) {
        Reading r = new Reading(context(), question, Conversation.empty("-"));
        PhraseReader.readRange(r, r.ctx.lexicon());
        PhraseReader.readComparisons(r);
        PhraseReader.readRanking(r);
        StringBuilder sb = new StringBuilder("range=" + r.range + " cmp=" + r.comparisons.size() + " desc=" + r.descending + " top=" + r.topN + "\n");
        for (Mention m : r.ctx.lexicon().find(r.tokens, r.taken)) {
            sb.append("  ").append(m.positions()).append(' ').append(m.score()).append(' ');
            for (Target t : m.targets()) sb.append(t instanceof MemberTarget mt ? mt.member().fullName() : ((ValueTarget) t).dimension().fullName() + "=" + ((ValueTarget) t).value()).append(", ");
            sb.append('\n');
        }
        return sb.toString();
    }
}
