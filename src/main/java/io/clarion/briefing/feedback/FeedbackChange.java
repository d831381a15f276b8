package io.clarion.briefing.feedback;

import java.time.LocalDate;

/**
 * One owner's verdict on one flagged account, as given on the feedback page or through the API.
 *
 * <p>A due date in the past is accepted: owners come back to mark an overdue item in progress or
 * done, and the form they submit still carries its original due date.
 *
 * @param skill      the briefing skill, e.g. {@code weekly-retention-risk}
 * @param status     null for the verdict's default: open when confirmed, done when handled or a false positive
 * @param note       at most {@link #MAX_NOTE} characters; blank is no note
 * @param briefingId the briefing the account was flagged in; null for the owner's latest briefing listing it
 * @param riskPoints the account's risk when the verdict was given; null to take it from the briefing
 * @param by         who gave the feedback
 */
public record FeedbackChange(String skill, String ownerId, String customerId, Verdict verdict, FollowUpStatus status,
                             LocalDate dueDate, String note, Long briefingId, Integer riskPoints, String by) {
    public static final int MAX_NOTE = 2_000;

    public FeedbackChange {
        required(skill, "skill");
        required(ownerId, "owner_id");
        required(customerId, "customer_id");
        required(by, "by");
        if (verdict == null) {
            throw new FeedbackException("missing_field", "verdict", "\"verdict\" is required: one of " + String.join(", ", Verdict.codes()));
        }
        if (status == null) status = verdict.defaultStatus();
        for (String text : new String[]{skill, ownerId, customerId, note, by}) {
            // PostgreSQL refuses NUL in text: a 400 here, not a failed insert.
            if (text != null && text.indexOf('\0') >= 0) throw new FeedbackException("nul_byte", "note", "text may not hold a NUL byte (\\u0000)");
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new FeedbackException("note_too_long", "note",
                    "the note has " + note.length() + " characters; keep it to " + MAX_NOTE);
        }
        if (riskPoints != null && riskPoints < 0) {
            throw new FeedbackException("invalid_risk_points", "risk_points", "\"risk_points\" cannot be negative");
        }
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) throw new FeedbackException("missing_field", field, "\"" + field + "\" is required");
    }
}
