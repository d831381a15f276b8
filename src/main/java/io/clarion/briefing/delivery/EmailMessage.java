package io.clarion.briefing.delivery;

import java.util.Objects;

/**
 * One rendered email: sent as multipart/alternative (the text part first, the HTML part preferred),
 * everything in UTF-8.
 *
 * @param toName         the recipient's display name; may be null
 * @param idempotencyKey the same for every send of one delivery, and the Message-ID made of it, so
 *                       a resend after a crash is recognisably the same message; null for a one-off
 */
public record EmailMessage(String to, String toName, String subject, String html, String text, String idempotencyKey) {
    public EmailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }

    public EmailMessage(String to, String toName, String subject, String html, String text) {
        this(to, toName, subject, html, text, null);
    }
}
