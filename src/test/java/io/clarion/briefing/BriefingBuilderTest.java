package io.clarion.briefing;

import io.clarion.briefing.feedback.FeedbackState;
import io.clarion.briefing.feedback.FollowUpStatus;
import io.clarion.briefing.feedback.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BriefingBuilderTest {
    static final LocalDate CYCLE = LocalDate.of(2026, 6, 15);
    static final OwnerBriefing.Recipient ANA = new OwnerBriefing.Recipient("own_1", "Ana", "ana@example.com", "U1");
    static final OwnerBriefing.Recipient BO = new OwnerBriefing.Recipient("own_2", "Bo", "bo@example.com", null);

    static RiskScoring.ScoredAccount account(String id, String owner, int points, int mrr) {
        RiskLevel level = RiskLevel.of(points, 3, 5);
        List<RiskScoring.Evidence> ev = points == 0 ? List.of()
                : List.of(new RiskScoring.Evidence("low_health", "Health under 60", points, Map.of("customer_health.health_score", 40)));
        return new RiskScoring.ScoredAccount(id, "Name " + id, owner, BigDecimal.valueOf(mrr), points, level, "driver", ev);
    }

    static List<OwnerBriefing> build(List<RiskScoring.ScoredAccount> accounts, Map<String, Map<String, FeedbackState>> feedback,
                                     Map<String, BriefingBuilder.Previous> previous, int cap) {
        List<RiskScoring.ScoredAccount> sorted = new ArrayList<>(accounts);
        sorted.sort(RiskScoring.RISK_ORDER);
        return BriefingBuilder.build(new BriefingBuilder.Inputs("weekly-retention-risk", CYCLE,
                new RiskScoring.Assessment(CYCLE, accounts.size(), sorted), Map.of("own_1", ANA, "own_2", BO),
                feedback, previous, cap, 4, List.of("global note"), Map.of("own_1", List.of("ana's note")), List.of("MRR rose.")));
    }

    static FeedbackState fb(String verdict, String status, LocalDate at, int points) {
        return new FeedbackState(Verdict.valueOf(verdict.toUpperCase()), FollowUpStatus.valueOf(status.toUpperCase()),
                at.plusDays(14), "note", OffsetDateTime.of(at.atStartOfDay(), ZoneOffset.UTC), points, null);
    }

    @Test
    void onlyOwnersWithFlaggedAccountsGetABriefingCappedAndRanked() {
        List<OwnerBriefing> out = build(List.of(account("a", "own_1", 5, 100), account("b", "own_1", 3, 900),
                account("c", "own_1", 4, 50), account("d", "own_1", 2, 5000), account("e", "own_2", 1, 10)), Map.of(), Map.of(), 2);
        assertEquals(1, out.size(), "Bo has no flagged account");
        OwnerBriefing ana = out.get(0);
        assertEquals(List.of("a", "c"), ana.accounts().stream().map(x -> x.scored().customerId()).toList());
        assertEquals(List.of(1, 2), ana.accounts().stream().map(OwnerBriefing.Account::rank).toList());
        assertEquals(3, ana.headline().flagged(), "the headline counts every flagged account, not just those shown");
        assertEquals(2, ana.headline().shown());
        assertEquals(1, ana.headline().high());
        assertEquals(2, ana.headline().medium());
        assertEquals(0, new BigDecimal(1050).compareTo(ana.headline().mrrAtRisk()));
        assertEquals(List.of("global note", "ana's note"), ana.dataQuality());
        assertEquals(List.of("MRR rose."), ana.whatChanged());
        assertNull(ana.headline().previousFlagged());
        assertEquals(List.of("First briefing for you: no earlier cycle to compare with."), ana.changes());
    }

    @Test
    void falsePositivesStayHiddenForTheWeeksAskedUnlessRiskWorsens() {
        LocalDate lastWeek = CYCLE.minusWeeks(1);
        var feedback = Map.of("own_1", Map.of(
                "a", fb("false_positive", "done", lastWeek, 5),       // same risk: hidden
                "b", fb("false_positive", "done", lastWeek, 3),       // worse now (4 > 3): back
                "c", fb("false_positive", "done", CYCLE.minusWeeks(5), 3)));  // five weeks ago: the four weeks are over
        List<OwnerBriefing> out = build(List.of(account("a", "own_1", 5, 100), account("b", "own_1", 4, 100),
                account("c", "own_1", 3, 100)), feedback, Map.of(), 10);
        OwnerBriefing ana = out.get(0);
        assertEquals(List.of("b", "c"), ana.accounts().stream().map(x -> x.scored().customerId()).toList());
        assertEquals(1, ana.headline().suppressed());
        assertEquals(Verdict.FALSE_POSITIVE, ana.accounts().get(0).feedback().verdict(), "the standing verdict is shown with the account");
    }

    @Test
    void confirmedOpenItemsComeBackEvenWhenNoLongerFlagged() {
        var feedback = Map.of("own_1", Map.of(
                "x", fb("confirmed", "in_progress", CYCLE.minusWeeks(1), 5),
                "y", fb("confirmed", "done", CYCLE.minusWeeks(1), 5)));
        List<OwnerBriefing> out = build(List.of(account("a", "own_1", 3, 100), account("x", "own_1", 0, 700),
                account("y", "own_1", 0, 700)), feedback, Map.of(), 10);
        OwnerBriefing ana = out.get(0);
        assertEquals(List.of("a", "x"), ana.accounts().stream().map(x -> x.scored().customerId()).toList());
        OwnerBriefing.Account x = ana.accounts().get(1);
        assertTrue(x.carriedOver());
        assertEquals(FollowUpStatus.IN_PROGRESS, x.feedback().status());
        assertEquals(CYCLE.plusWeeks(1), x.feedback().dueDate());
        assertEquals(1, ana.headline().flagged(), "a carried-over item is not counted as flagged");
    }

    @Test
    void changesSinceLastWeekNameNewAndResolvedAccounts() {
        var previous = Map.of("own_1", new BriefingBuilder.Previous(CYCLE.minusWeeks(1), Set.of("a", "old"), new BigDecimal(500), 2));
        List<OwnerBriefing> out = build(List.of(account("a", "own_1", 3, 100), account("n", "own_1", 5, 1000),
                account("old", "own_1", 0, 50)), Map.of(), previous, 10);
        List<String> changes = out.get(0).changes();
        assertEquals("Flagged accounts: 2 (2 on 2026-06-08).", changes.get(0));
        assertEquals("MRR at risk: $1,100 (+$600 since 2026-06-08).", changes.get(1));
        assertEquals("Newly flagged: Name n.", changes.get(2));
        assertEquals("No longer flagged: Name old.", changes.get(3));
        assertEquals(2, out.get(0).headline().previousFlagged());
    }

    @Test
    void onlyAFalsePositiveSuppressesAndOnlyForTheWeeksAsked() {
        assertFalse(BriefingBuilder.suppressedNow(fb("confirmed", "open", CYCLE.minusWeeks(1), 5), account("a", "own_1", 5, 1), CYCLE, 4));
        assertFalse(BriefingBuilder.suppressedNow(fb("handled", "done", CYCLE.minusWeeks(1), 5), account("a", "own_1", 5, 1), CYCLE, 4));
        assertTrue(BriefingBuilder.suppressedNow(fb("false_positive", "done", CYCLE.minusWeeks(3), 5), account("a", "own_1", 5, 1), CYCLE, 4));
        assertFalse(BriefingBuilder.suppressedNow(fb("false_positive", "done", CYCLE.minusWeeks(4), 5), account("a", "own_1", 5, 1), CYCLE, 4));
    }
}
