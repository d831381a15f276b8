package io.clarion.briefing.feedback;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One recorded change of a feedback row, oldest first in a history. */
public record FeedbackHistoryEntry(long id, long feedbackId, OffsetDateTime at, String by, Verdict verdict,
                                   FollowUpStatus status, LocalDate dueDate, String note, Long briefingId) {
}
