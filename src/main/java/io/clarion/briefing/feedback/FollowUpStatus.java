package io.clarion.briefing.feedback;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/** Where the follow-up on a flagged account stands. */
public enum FollowUpStatus {
    OPEN("open", "Open"),
    IN_PROGRESS("in_progress", "In progress"),
    DONE("done", "Done");

    private final String code;
    private final String label;

    FollowUpStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    @JsonCreator
    public static FollowUpStatus parse(String value) {
        return Verdict.Codes.parse(FollowUpStatus.class, values(), FollowUpStatus::code, value, "status");
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(FollowUpStatus::code).toList();
    }

    static FollowUpStatus fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown follow-up status in the store: " + code));
    }
}
