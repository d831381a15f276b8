package io.clarion.briefing.delivery;

import java.util.Objects;

/**
 * One rendered email: sent as multipart/alternative (the text part first, the HTML part preferred),
 * everything in UTF-8.
 *
 * @param toName the recipient's display name; may be null
 */
public record EmailMessage(String to, String toName, String subject, String html, String text) {
    public EmailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }
}
