package io.clarion.briefing.feedback;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static io.clarion.briefing.feedback.BriefingFixture.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recording owners' verdicts, their history, precision per cycle and the state the next cycle reads. */
class FeedbackServiceTest {
    static final LocalDate W1 = LocalDate.of(2026, 6, 1);
    static final LocalDate W2 = LocalDate.of(2026, 6, 8);
    static final LocalDate W3 = LocalDate.of(2026, 6, 15);

    static FeedbackChange change(String owner, String customer, Verdict verdict, FollowUpStatus status, Long briefing) {
        return new FeedbackChange(SKILL, owner, customer, verdict, status, null, null, briefing, null, owner);
    }

    @Test
    void twoChangesUpdateTheCurrentRowAndLeaveTwoHistoryRows() {
        BriefingFixture fx = BriefingFixture.fresh("feedback_record");
        long b = fx.briefing(SKILL, "own_1", W1);
        fx.account(b, "cus_1", "Acme", 6);
        FeedbackService service = new FeedbackService(fx.dataSource());

        Feedback first = service.record(new FeedbackChange(SKILL, "own_1", "cus_1", Verdict.CONFIRMED, null,
                LocalDate.of(2026, 6, 20), "  call the CFO  ", b, null, "ana"));
        assertEquals(FollowUpStatus.OPEN, first.status());
        assertEquals("call the CFO", first.note());
        assertEquals(6, first.riskPoints(), "risk taken from the briefing when not given");
        assertEquals(b, first.briefingId());

        // Without a briefing id the owner's latest briefing listing the customer is used.
        Feedback second = service.record(new FeedbackChange(SKILL, "own_1", "cus_1", Verdict.HANDLED, null,
                null, null, null, 4, "ana"));
        assertEquals(first.id(), second.id());
        assertEquals(FollowUpStatus.DONE, second.status());
        assertEquals(4, second.riskPoints());
        assertNull(second.note());
        assertEquals(b, second.briefingId());

        assertEquals(1, fx.count("account_feedback"));
        Feedback current = service.find(first.id()).orElseThrow();
        assertEquals(Verdict.HANDLED, current.verdict());
        assertNull(current.dueDate());

        List<FeedbackHistoryEntry> history = service.history(first.id());
        assertEquals(2, history.size());
        assertEquals(List.of(Verdict.CONFIRMED, Verdict.HANDLED), history.stream().map(FeedbackHistoryEntry::verdict).toList());
        assertEquals(LocalDate.of(2026, 6, 20), history.get(0).dueDate());
        assertEquals("call the CFO", history.get(0).note());
        assertEquals("ana", history.get(1).by());
        assertFalse(history.get(1).at().isBefore(history.get(0).at()));

        assertThrows(NoSuchElementException.class, () -> service.history(first.id() + 100));
    }

    @Test
    void feedbackOnAnAccountTheOwnersBriefingDidNotShowIsRefused() {
        BriefingFixture fx = BriefingFixture.fresh("feedback_refused");
        long mine = fx.briefing(SKILL, "own_1", W1);
        fx.account(mine, "cus_1", "Acme", 6);
        long theirs = fx.briefing(SKILL, "own_2", W1);
        fx.account(theirs, "cus_2", "Globex", 3);
        long otherSkill = fx.briefing("monthly-expansion", "own_1", W1);
        fx.account(otherSkill, "cus_3", "Initech", 3);
        FeedbackService service = new FeedbackService(fx.dataSource());

        FeedbackException e = assertThrows(FeedbackException.class,
                () -> service.record(change("own_1", "cus_2", Verdict.CONFIRMED, null, mine)));
        assertEquals("not_in_briefing", e.code());
        assertTrue(e.getMessage().contains("customer cus_2 was not flagged in weekly-retention-risk briefing " + mine + " of owner own_1"),
                e.getMessage());
        // Another owner's briefing, and any briefing of the owner when none is named.
        assertEquals("not_in_briefing", assertThrows(FeedbackException.class,
                () -> service.record(change("own_1", "cus_2", Verdict.CONFIRMED, null, theirs))).code());
        assertEquals("not_in_briefing", assertThrows(FeedbackException.class,
                () -> service.record(change("own_1", "cus_3", Verdict.CONFIRMED, null, null))).code());
        assertEquals(0, fx.count("account_feedback"));
        assertEquals(0, fx.count("account_feedback_history"));
    }

    @Test
    void changesThatCannotBeRecordedSayWhy() {
        FeedbackException unknown = assertThrows(FeedbackException.class, () -> Verdict.parse("false positve"));
        assertEquals("invalid_verdict", unknown.code());
        assertEquals(List.of("false_positive"), unknown.suggestions());
        assertTrue(unknown.getMessage().contains("did you mean false_positive?"), unknown.getMessage());
        assertEquals(Verdict.FALSE_POSITIVE, Verdict.parse("False Positive"));
        assertEquals(FollowUpStatus.IN_PROGRESS, FollowUpStatus.parse("in-progress"));
        assertEquals("invalid_status", assertThrows(FeedbackException.class, () -> FollowUpStatus.parse("closed")).code());

        String longNote = "x".repeat(FeedbackChange.MAX_NOTE + 1);
        FeedbackException tooLong = assertThrows(FeedbackException.class, () -> new FeedbackChange(SKILL, "own_1", "cus_1",
                Verdict.CONFIRMED, null, null, longNote, null, null, "ana"));
        assertEquals("note_too_long", tooLong.code());
        assertEquals("the note has 2001 characters; keep it to 2000", tooLong.getMessage());
        assertEquals(FeedbackChange.MAX_NOTE, new FeedbackChange(SKILL, "own_1", "cus_1", Verdict.CONFIRMED, null, null,
                "y".repeat(FeedbackChange.MAX_NOTE), null, null, "ana").note().length());

        assertEquals("missing_field", assertThrows(FeedbackException.class, () -> new FeedbackChange(SKILL, "own_1", "cus_1",
                null, null, null, null, null, null, "ana")).code());
        FeedbackException noBy = assertThrows(FeedbackException.class, () -> new FeedbackChange(SKILL, "own_1", "cus_1",
                Verdict.HANDLED, null, null, null, null, null, " "));
        assertEquals("by", noBy.field());
        // A due date in the past is kept: an overdue item is still updated with the date it had.
        assertEquals(LocalDate.of(2020, 1, 1), new FeedbackChange(SKILL, "own_1", "cus_1", Verdict.CONFIRMED,
                FollowUpStatus.IN_PROGRESS, LocalDate.of(2020, 1, 1), null, null, null, "ana").dueDate());
    }

    /**
     * Hand-counted: cycle W1 has cus_1 confirmed, cus_2 false positive then confirmed (counts as
     * confirmed), cus_3 handled, cus_4 false positive, cus_5 no verdict: 2 confirmed, 1 false
     * positive, 1 handled, precision 2/3. Cycle W2: cus_1 confirmed then moved to in progress
     * (one confirmed), cus_2 false positive: precision 1/2. Cycle W3: no verdicts, precision null.
     * Another skill's false positive in W1 is not counted.
     */
    @Test
    void precisionPerCycleCountsTheLatestVerdictPerAccount() {
        BriefingFixture fx = BriefingFixture.fresh("feedback_precision");
        long b1 = fx.briefing(SKILL, "own_1", W1);
        fx.account(b1, "cus_1", "Acme", 6);
        fx.account(b1, "cus_2", "Globex", 4);
        fx.account(b1, "cus_3", "Initech", 3);
        long b2 = fx.briefing(SKILL, "own_2", W1);
        fx.account(b2, "cus_4", "Umbrella", 5);
        fx.account(b2, "cus_5", "Hooli", 3);
        long b3 = fx.briefing(SKILL, "own_1", W2);
        fx.account(b3, "cus_1", "Acme", 7);
        fx.account(b3, "cus_2", "Globex", 4);
        long b4 = fx.briefing(SKILL, "own_1", W3);
        fx.account(b4, "cus_3", "Initech", 3);
        long other = fx.briefing("monthly-expansion", "own_1", W1);
        fx.account(other, "cus_9", "Soylent", 3);
        FeedbackService service = new FeedbackService(fx.dataSource());

        service.record(change("own_1", "cus_1", Verdict.CONFIRMED, null, b1));
        service.record(change("own_1", "cus_2", Verdict.FALSE_POSITIVE, null, b1));
        service.record(change("own_1", "cus_2", Verdict.CONFIRMED, null, b1));
        service.record(change("own_1", "cus_3", Verdict.HANDLED, null, b1));
        service.record(change("own_2", "cus_4", Verdict.FALSE_POSITIVE, null, b2));
        service.record(change("own_1", "cus_1", Verdict.CONFIRMED, null, b3));
        service.record(change("own_1", "cus_1", Verdict.CONFIRMED, FollowUpStatus.IN_PROGRESS, b3));
        service.record(change("own_1", "cus_2", Verdict.FALSE_POSITIVE, null, b3));
        service.record(new FeedbackChange("monthly-expansion", "own_1", "cus_9", Verdict.FALSE_POSITIVE, null, null, null, other, null, "own_1"));

        List<CyclePrecision> p = service.precisionByCycle(SKILL);
        assertEquals(List.of(
                new CyclePrecision(W1, 2, 1, 1, 2.0 / 3),
                new CyclePrecision(W2, 1, 1, 0, 0.5),
                new CyclePrecision(W3, 0, 0, 0, null)), p);
        assertTrue(service.precisionByCycle("no-such-skill").isEmpty());
    }

    @Test
    void theNextCycleReadsTheOwnersCurrentFeedbackAndListsFilter() {
        BriefingFixture fx = BriefingFixture.fresh("feedback_current");
        long b = fx.briefing(SKILL, "own_1", W1);
        fx.account(b, "cus_1", "Acme", 6);
        fx.account(b, "cus_2", "Globex", 3);
        fx.account(b, "cus_3", "Initech", 4);
        long b2 = fx.briefing(SKILL, "own_2", W1);
        fx.account(b2, "cus_4", "Umbrella", 5);
        FeedbackService service = new FeedbackService(fx.dataSource());
        service.record(new FeedbackChange(SKILL, "own_1", "cus_1", Verdict.CONFIRMED, null, LocalDate.of(2026, 6, 30),
                "renewal call booked", b, null, "own_1"));
        service.record(change("own_1", "cus_2", Verdict.FALSE_POSITIVE, null, b));
        service.record(change("own_1", "cus_3", Verdict.CONFIRMED, FollowUpStatus.DONE, b));
        service.record(change("own_2", "cus_4", Verdict.CONFIRMED, null, b2));

        Map<String, FeedbackState> current = service.currentFor(SKILL, "own_1");
        assertEquals(List.of("cus_1", "cus_2", "cus_3"), List.copyOf(current.keySet()));
        FeedbackState acme = current.get("cus_1");
        assertEquals(Verdict.CONFIRMED, acme.verdict());
        assertEquals(FollowUpStatus.OPEN, acme.status());
        assertEquals(LocalDate.of(2026, 6, 30), acme.dueDate());
        assertEquals("renewal call booked", acme.note());
        assertEquals(6, acme.riskPoints());
        assertTrue(acme.carriesOver());
        assertFalse(current.get("cus_3").carriesOver(), "a done follow-up is not carried over");

        FeedbackState fp = current.get("cus_2");
        Instant given = fp.updatedAt().toInstant();
        assertTrue(fp.suppresses(3, given.plusSeconds(86_400 * 27), 4));
        assertFalse(fp.suppresses(3, given.plusSeconds(86_400 * 29), 4), "suppression ends after the weeks");
        assertFalse(fp.suppresses(5, given.plusSeconds(86_400), 4), "worse risk shows the account again");
        assertFalse(acme.suppresses(0, given, 4));
        assertTrue(service.currentFor(SKILL, "own_9").isEmpty());

        assertEquals(3, service.list("own_1", null, null).size());
        assertEquals(List.of("cus_1", "cus_4"), service.list(null, FollowUpStatus.OPEN, SKILL).stream()
                .map(Feedback::customerId).sorted().toList());
        assertEquals(List.of("cus_1"), service.list("own_1", FollowUpStatus.OPEN, null).stream().map(Feedback::customerId).toList());
        assertTrue(service.list(null, null, "monthly-expansion").isEmpty());
        assertEquals(4, service.list(null, null, null).size());
    }
}
