package io.clarion.briefing;

import io.clarion.briefing.feedback.FeedbackState;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one cycle's risk assessment into a briefing per owner: flagged accounts capped per owner,
 * the owner's false positives held back for some weeks unless their risk
 * worsened, confirmed open items brought back with their status, and what changed since the
 * owner's previous briefing. Pure: everything it needs is passed in.
 */
public final class BriefingBuilder {

    /** What an owner's previous briefing held, for "what changed since last week". */
    public record Previous(LocalDate cycle, Set<String> customerIds, BigDecimal mrrAtRisk, int flagged) {
    }

    /**
     * @param maxPerOwner       accounts shown per owner
     * @param suppressWeeks     weeks a false positive stays hidden unless its risk worsens
     * @param globalNotes       data-quality notes for every owner (stale data, accounts without owner)
     * @param ownerNotes        data-quality notes for one owner (probable duplicates among their customers)
     * @param whatChanged       the what-changed sentences every briefing of the cycle carries
     */
    public record Inputs(String skill, LocalDate cycle, RiskScoring.Assessment assessment,
                         Map<String, OwnerBriefing.Recipient> owners,
                         Map<String, Map<String, FeedbackState>> feedback,
                         Map<String, Previous> previous, int maxPerOwner, int suppressWeeks,
                         List<String> globalNotes, Map<String, List<String>> ownerNotes, List<String> whatChanged) {
    }

    private BriefingBuilder() {
    }

    public static List<OwnerBriefing> build(Inputs in) {
        Map<String, List<RiskScoring.ScoredAccount>> byOwner = new LinkedHashMap<>();
        Map<String, RiskScoring.ScoredAccount> byId = new LinkedHashMap<>();
        for (RiskScoring.ScoredAccount a : in.assessment().scored()) {
            byId.put(a.customerId(), a);
            if (a.ownerId() != null) byOwner.computeIfAbsent(a.ownerId(), k -> new ArrayList<>()).add(a);
        }
        List<OwnerBriefing> out = new ArrayList<>();
        for (OwnerBriefing.Recipient owner : in.owners().values()) {
            List<RiskScoring.ScoredAccount> mine = byOwner.getOrDefault(owner.ownerId(), List.of());
            Map<String, FeedbackState> fb = in.feedback().getOrDefault(owner.ownerId(), Map.of());
            List<RiskScoring.ScoredAccount> flagged = new ArrayList<>();
            int suppressed = 0;
            for (RiskScoring.ScoredAccount a : mine) {
                if (!a.flagged()) continue;
                FeedbackState f = fb.get(a.customerId());
                if (f != null && suppressedNow(f, a, in.cycle(), in.suppressWeeks())) {
                    suppressed++;
                } else {
                    flagged.add(a);
                }
            }
            List<OwnerBriefing.Account> accounts = new ArrayList<>();
            BigDecimal mrrAtRisk = BigDecimal.ZERO;
            int high = 0;
            int medium = 0;
            for (RiskScoring.ScoredAccount a : flagged) {
                mrrAtRisk = mrrAtRisk.add(a.mrr());
                if (a.level() == RiskLevel.HIGH) high++;
                else medium++;
                if (accounts.size() < in.maxPerOwner()) {
                    accounts.add(new OwnerBriefing.Account(accounts.size() + 1, a, false, fb.get(a.customerId())));
                }
            }
            // Confirmed items still open come back until the owner closes them, flagged or not.
            for (Map.Entry<String, FeedbackState> e : fb.entrySet()) {
                RiskScoring.ScoredAccount a = byId.get(e.getKey());
                // Only while the account is still the owner's: a reassigned customer is no longer theirs to see.
                if (!e.getValue().carriesOver() || a == null || !owner.ownerId().equals(a.ownerId())) continue;
                if (accounts.stream().anyMatch(x -> x.scored().customerId().equals(a.customerId()))) continue;
                accounts.add(new OwnerBriefing.Account(accounts.size() + 1, a, true, e.getValue()));
            }
            if (accounts.isEmpty()) continue;
            Previous prev = in.previous().get(owner.ownerId());
            OwnerBriefing.Headline headline = new OwnerBriefing.Headline(flagged.size(), accounts.size(), high, medium,
                    mrrAtRisk, suppressed, prev == null ? null : prev.flagged(), prev == null ? null : prev.mrrAtRisk());
            List<String> notes = new ArrayList<>(in.globalNotes());
            notes.addAll(in.ownerNotes().getOrDefault(owner.ownerId(), List.of()));
            out.add(new OwnerBriefing(in.skill(), in.cycle(), owner, accounts, headline,
                    changes(flagged, prev, mrrAtRisk, byId), notes, in.whatChanged()));
        }
        return out;
    }

    /** Judged at the cycle's date, not the clock's, so a replayed cycle suppresses alike. */
    static boolean suppressedNow(FeedbackState f, RiskScoring.ScoredAccount a, LocalDate cycle, int weeks) {
        return f.suppresses(a.points(), cycle.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), weeks);
    }

    static List<String> changes(List<RiskScoring.ScoredAccount> flagged, Previous prev, BigDecimal mrrAtRisk,
                                Map<String, RiskScoring.ScoredAccount> byId) {
        List<String> lines = new ArrayList<>();
        if (prev == null) {
            lines.add("First briefing for you: no earlier cycle to compare with.");
            return lines;
        }
        List<String> added = flagged.stream().map(RiskScoring.ScoredAccount::customerId)
                .filter(id -> !prev.customerIds().contains(id)).toList();
        List<String> gone = prev.customerIds().stream().filter(id -> flagged.stream().noneMatch(a -> a.customerId().equals(id)))
                .sorted().toList();
        lines.add(String.format(Locale.ROOT, "Flagged accounts: %d (%d on %s).", flagged.size(), prev.flagged(), prev.cycle()));
        BigDecimal delta = mrrAtRisk.subtract(prev.mrrAtRisk() == null ? BigDecimal.ZERO : prev.mrrAtRisk());
        lines.add("MRR at risk: " + money(mrrAtRisk) + " (" + (delta.signum() >= 0 ? "+" : "−") + money(delta.abs())
                + " since " + prev.cycle() + ").");
        if (!added.isEmpty()) lines.add("Newly flagged: " + names(added, byId) + ".");
        if (!gone.isEmpty()) lines.add("No longer flagged: " + names(gone, byId) + ".");
        return lines;
    }

    private static String names(List<String> ids, Map<String, RiskScoring.ScoredAccount> byId) {
        List<String> shown = ids.stream().limit(5).map(id -> {
            RiskScoring.ScoredAccount a = byId.get(id);
            return a == null || a.name() == null ? id : a.name();
        }).toList();
        return String.join(", ", shown) + (ids.size() > 5 ? " and " + (ids.size() - 5) + " more" : "");
    }

    public static String money(BigDecimal v) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
        f.setMaximumFractionDigits(0);
        return f.format(v);
    }
}
