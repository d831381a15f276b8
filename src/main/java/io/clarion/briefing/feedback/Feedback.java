package io.clarion.briefing.feedback;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The current feedback on one account of one owner for one skill. */
public record Feedback(long id, String skill, String ownerId, String customerId, Verdict verdict, FollowUpStatus status,
                       LocalDate dueDate, String note, Long briefingId, Integer riskPoints, OffsetDateTime updatedAt,
                       String updatedBy) {

    public FeedbackState state() {
        return new FeedbackState(verdict, status, dueDate, note, updatedAt, riskPoints, briefingId);
    }
}
