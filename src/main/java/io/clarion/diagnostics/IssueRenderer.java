package io.clarion.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place issues become words: a line of text for people and logs, a JSON-ready map for
 * the API, a short sentence for an LLM tool result, and an excerpt with a caret under the
 * offending column for the command line and error golden files.
 */
public final class IssueRenderer {
    private IssueRenderer() {
    }

    /** {@code file:line:column: message (did you mean a, b?)}, or {@code path: message ...}. */
    public static String text(Issue i) {
        String where = i.where().toString();
        return (where.isEmpty() ? "" : where + ": ") + i.message() + didYouMean(i.suggestions());
    }

    /** One issue per line. */
    public static String report(List<Issue> issues) {
        StringBuilder sb = new StringBuilder();
        for (Issue i : issues) sb.append(text(i)).append('\n');
        return sb.toString();
    }

    public static String didYouMean(List<String> suggestions) {
        return suggestions.isEmpty() ? "" : " (did you mean " + String.join(", ", suggestions) + "?)";
    }

    /** The API's shape: code, path (JSON path or file:line:column), message, suggestions. */
    public static Map<String, Object> json(Issue i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", i.key());
        m.put("path", i.where().toString());
        m.put("message", i.message());
        m.put("suggestions", i.suggestions());
        return m;
    }

    public static List<Map<String, Object>> json(List<Issue> issues) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Issue i : issues) out.add(json(i));
        return out;
    }

    /**
     * A failed tool call's issues for an LLM correcting its own call: per issue the fields it
     * can act on (code, path, message, near names), the same shape the API answers with.
     */
    public static List<Map<String, Object>> forTool(List<Issue> issues) {
        return json(issues);
    }

    /** For an LLM correcting its own call: the code and path it can act on, and the near names. */
    public static String forTool(Issue i) {
        String where = i.where().toString();
        return i.key() + (where.isEmpty() ? "" : " at " + where) + ": " + i.message() + didYouMean(i.suggestions());
    }

    /**
     * The issue under the line of {@code source} it points at, a caret under its column:
     * <pre>
     * semantic/cubes.yml:4:13: unknown key "sqll" (did you mean sql?)
     *     4 |     sqll: SELECT 1
     *       |     ^
     * </pre>
     * A JSON path is looked up in {@code source}, the request's text, the caret under its value.
     * Without a place in the source, or when the line is out of range, just the text.
     */
    public static String withCaret(Issue i, String source) {
        String head = text(i);
        if (source == null) return head;
        int line;
        int column;
        if (i.where() instanceof Location loc) {
            line = loc.line();
            column = loc.column();
        } else if (i.where() instanceof JsonPath path) {
            JsonLocator.Position at = JsonLocator.locate(source, path.path()).orElse(null);
            if (at == null) return head;
            line = at.line();
            column = at.column();
        } else {
            return head;
        }
        String[] lines = source.split("\r?\n", -1);
        if (line < 1 || line > lines.length) return head;
        String number = String.valueOf(line);
        String gutter = " ".repeat(number.length());
        int col = Math.max(1, column);
        return head + "\n" + number + " | " + lines[line - 1] + "\n" + gutter + " | " + " ".repeat(col - 1) + "^";
    }
}
