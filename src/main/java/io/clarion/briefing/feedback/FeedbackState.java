package io.clarion.briefing.feedback;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * What the next cycle needs to know about an account's feedback.
 *
 * @param riskPoints the account's risk when the verdict was given (null when unknown)
 */
public record FeedbackState(Verdict verdict, FollowUpStatus status, LocalDate dueDate, String note,
                            OffsetDateTime updatedAt, Integer riskPoints, Long briefingId) {

    /**
     * A false positive hides the account for {@code weeks} after the verdict, unless its risk has
     * grown since (unknown earlier risk counts as not grown).
     */
    public boolean suppresses(int riskPointsNow, Instant now, int weeks) {
        if (verdict != Verdict.FALSE_POSITIVE) return false;
        boolean worse = riskPoints != null && riskPointsNow > riskPoints;
        return !worse && now.isBefore(updatedAt.toInstant().plus(Duration.ofDays(7L * weeks)));
    }

    /** A confirmed risk whose follow-up is not done stays on the owner's list. */
    public boolean carriesOver() {
        return verdict == Verdict.CONFIRMED && status != FollowUpStatus.DONE;
    }
}
