package io.clarion.briefing;

import io.clarion.briefing.change.WhatChangedSpec;
import io.clarion.engine.QueryService;
import io.clarion.engine.SideBySide;
import io.clarion.engine.SplitReads;
import io.clarion.governance.policy.Access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Each briefing's data-quality notes and what-changed sentences computed as its recipient, so they
 * hold nothing the owner's own queries could not reach. A recipient the access policy gives no
 * rows gets neither.
 *
 * <p>Every recipient asks the same queries; each query is read once for all of
 * them and split by the owner attribute ({@link SplitReads}), where that split is provably the
 * owner's own rows; other queries run as each owner. As a check on the split, the first
 * recipient's view (and the middle and last one's) is also computed from their own queries alone; if
 * the two differ, every view is computed that way and the run's report says so.
 */
final class RecipientViews {
    /** @param shared queries answered from a shared read; {@code own} those run as their recipient */
    record Result(List<OwnerBriefing> briefings, List<String> notes, int shared, int own) {
    }

    private RecipientViews() {
    }

    static Result compute(QueryService q, List<OwnerBriefing> briefings, WhatChangedSpec spec, LocalDate cycle,
                          Consumer<String> progress) {
        if (briefings.isEmpty()) return new Result(briefings, List.of(), 0, 0);
        // One reader for every recipient: each shared query reads its tables once, whatever the number of owners.
        SplitReads reads = new SplitReads(q.as(Access.FULL.withoutPii()), BriefingRun.RECIPIENT_ATTRIBUTE,
                briefings.stream().map(b -> b.owner().ownerId()).toList());
        // One recipient's pass with empty answers names every query; they are then read side by side.
        SplitReads.Asking asking = new SplitReads.Asking();
        asRecipient(q, briefings.get(0), spec, cycle, asking);
        reads.readAhead(asking.asked());
        AtomicInteger done = new AtomicInteger();
        int total = briefings.size();
        List<OwnerBriefing> all = SideBySide.map(briefings, "recipient-view", b -> {
            OwnerBriefing viewed = asRecipient(q, b, spec, cycle, reads);
            int n = done.incrementAndGet();
            if (n % Math.max(1, total / 10) == 0 && n < total) {
                progress.accept(String.format(Locale.ROOT, "%,d of %,d recipients done", n, total));
            }
            return viewed;
        });
        progress.accept(String.format(Locale.ROOT, "%,d recipient queries answered from shared reads, %,d run as their recipient",
                reads.shared(), reads.own()));
        for (int i : new java.util.TreeSet<>(List.of(0, all.size() / 2, all.size() - 1))) {
            if (sameView(alone(q, briefings.get(i), spec, cycle), all.get(i))) continue;
            List<OwnerBriefing> alone = SideBySide.map(briefings, "recipient-view", b -> alone(q, b, spec, cycle));
            return new Result(alone, List.of("Recipient views were computed from each owner's own queries: read together, "
                    + briefings.get(i).owner().ownerId() + "'s differed from their own."), 0, briefings.size());
        }
        return new Result(all, List.of(), reads.shared(), reads.own());
    }

    private static boolean sameView(OwnerBriefing a, OwnerBriefing b) {
        return a.dataQuality().equals(b.dataQuality()) && a.whatChanged().equals(b.whatChanged());
    }

    /** The view with every query run as the recipient. */
    static OwnerBriefing alone(QueryService q, OwnerBriefing b, WhatChangedSpec spec, LocalDate cycle) {
        return asRecipient(q, b, spec, cycle, null);
    }

    /** {@code reads} null: every query runs as the recipient. */
    private static OwnerBriefing asRecipient(QueryService q, OwnerBriefing b, WhatChangedSpec spec, LocalDate cycle, QueryService.Reads reads) {
        Access access = BriefingRun.recipientAccess(q, b.owner().ownerId());
        if (access.problem().isPresent()) return b.withRecipientView(List.of(), List.of());
        QueryService asOwner = reads == null ? q.as(access) : q.as(access).readingThrough(reads);
        return b.withRecipientView(DataQuality.forRecipient(asOwner, cycle), whatChanged(asOwner, spec, cycle));
    }

    private static List<String> whatChanged(QueryService q, WhatChangedSpec spec, LocalDate cycle) {
        if (spec == null) return List.of();
        return io.clarion.briefing.change.WhatChangedAnalysis.forSentences(q).analyse(spec, cycle).metrics().stream()
                .map(io.clarion.briefing.change.MetricChange::sentence).toList();
    }
}
