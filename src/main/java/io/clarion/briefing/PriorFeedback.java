package io.clarion.briefing;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The owner's standing verdict on an account, as the next cycle reads it.
 *
 * @param verdict    confirmed | false_positive | handled
 * @param status     open | in_progress | done
 * @param riskPoints the account's risk points when the verdict was given (null if unknown)
 */
public record PriorFeedback(String verdict, String status, LocalDate dueDate, String note, OffsetDateTime updatedAt,
                            Integer riskPoints) {
    public boolean suppresses() {
        return verdict.equals("false_positive") || verdict.equals("handled");
    }

    public boolean openConfirmed() {
        return verdict.equals("confirmed") && !status.equals("done");
    }
}
