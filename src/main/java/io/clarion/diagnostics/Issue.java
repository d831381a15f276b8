package io.clarion.diagnostics;

import java.util.List;

/**
 * One problem, as a value: a stable code, whose problem it is, where (file:line:column or a
 * JSON path), the member or name it is about, a message for people, and near names or allowed
 * values. Every stage reports issues this way and collects them rather than stopping at the
 * first; {@link IssueRenderer} is the one place that turns them into text, JSON or tool results.
 */
public record Issue(Code code, Blame blame, Where where, String subject, String message, List<String> suggestions) {
    public Issue {
        if (code == null) throw new IllegalArgumentException("an issue needs a code");
        blame = blame == null ? code.blame() : blame;
        where = where == null ? Where.NOWHERE : where;
        message = message == null ? code.key() : message;
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    public static Issue of(Code code, Where where, String message) {
        return new Issue(code, null, where, null, message, List.of());
    }

    public static Issue of(Code code, Where where, String message, List<String> suggestions) {
        return new Issue(code, null, where, null, message, suggestions);
    }

    public Issue about(String member) {
        return new Issue(code, blame, where, member, message, suggestions);
    }

    public Issue blamed(Blame b) {
        return new Issue(code, b, where, subject, message, suggestions);
    }

    public String key() {
        return code.key();
    }

    /** The JSON path in the request this issue points at, or "" when it is not about one. */
    public String path() {
        return where instanceof JsonPath p ? p.path() : "";
    }

    public boolean forbidden() {
        return blame == Blame.FORBIDDEN;
    }

    @Override
    public String toString() {
        return IssueRenderer.text(this);
    }
}
