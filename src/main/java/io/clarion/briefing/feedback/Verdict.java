package io.clarion.briefing.feedback;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clarion.diagnostics.Suggestions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** An owner's verdict on a flagged account. */
public enum Verdict {
    CONFIRMED("confirmed", "Confirmed risk"),
    FALSE_POSITIVE("false_positive", "False positive"),
    HANDLED("handled", "Already handled");

    private final String code;
    private final String label;

    Verdict(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** As stored and as the API writes it: {@code confirmed}, {@code false_positive}, {@code handled}. */
    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The follow-up status a verdict starts with when none is given: confirmed risks are open work. */
    public FollowUpStatus defaultStatus() {
        return this == CONFIRMED ? FollowUpStatus.OPEN : FollowUpStatus.DONE;
    }

    /** Accepts the code in any case, with spaces or dashes for underscores ("false positive"). */
    @JsonCreator
    public static Verdict parse(String value) {
        return Codes.parse(Verdict.class, values(), Verdict::code, value, "verdict");
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Verdict::code).toList();
    }

    static Verdict fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown verdict in the store: " + code));
    }

    /** Shared parsing of the lower-case codes of the feedback enums. */
    static final class Codes {
        private Codes() {
        }

        static <E extends Enum<E>> E parse(Class<E> type, E[] values, java.util.function.Function<E, String> code, String value, String field) {
            List<String> codes = Arrays.stream(values).map(code).toList();
            if (value == null || value.isBlank()) {
                throw new FeedbackException("missing_field", field, "\"" + field + "\" is required: one of " + String.join(", ", codes));
            }
            String norm = value.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            for (E e : values) {
                if (code.apply(e).equals(norm)) return e;
            }
            List<String> near = Suggestions.closest(norm, codes);
            String hint = near.isEmpty() ? "" : "; did you mean " + near.get(0) + "?";
            throw new FeedbackException("invalid_" + field, field, "unknown " + field.replace('_', ' ') + " \"" + value.strip()
                    + "\": use one of " + String.join(", ", codes) + hint, near);
        }
    }
}
