package io.clarion.briefing.feedback;

import java.util.List;

/**
 * Feedback that cannot be recorded as given (an unknown verdict, a note too long, an account not
 * in the owner's briefing). The message says what to change; the API answers 400 with the code.
 */
public class FeedbackException extends RuntimeException {
    private final String code;
    private final String field;
    private final List<String> suggestions;

    public FeedbackException(String code, String field, String message, List<String> suggestions) {
        super(message);
        this.code = code;
        this.field = field;
        this.suggestions = List.copyOf(suggestions);
    }

    public FeedbackException(String code, String field, String message) {
        this(code, field, message, List.of());
    }

    /** A short machine-readable reason, e.g. {@code invalid_verdict}, {@code not_in_briefing}. */
    public String code() {
        return code;
    }

    /** The request field at fault (snake_case, as the API and the form name it), or null. */
    public String field() {
        return field;
    }

    public List<String> suggestions() {
        return suggestions;
    }
}
