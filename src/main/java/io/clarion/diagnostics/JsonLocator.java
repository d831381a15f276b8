package io.clarion.diagnostics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JSON path such as {@code filters[0].operator} is in the text of a request, so an issue
 * about it can point at the character. A path that the text does not contain (a field the
 * request left out) falls back to its nearest present parent.
 */
public final class JsonLocator {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private JsonLocator() {
    }

    /** A character offset and its 1-based line and column. */
    public record Position(int offset, int line, int column) {
    }

    public static Optional<Position> locate(String json, String path) {
        List<String> segments = segments(path);
        while (true) {
            Optional<Integer> offset = offsetOf(json, pointer(segments));
            if (offset.isPresent()) return offset.map(o -> position(json, o));
            if (segments.isEmpty()) return Optional.empty();
            segments.remove(segments.size() - 1);
        }
    }

    /** "filters[0].operator" is filters, 0, operator; "$" and "" are the whole document. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        if (path == null || path.isEmpty() || path.equals("$")) return out;
        Matcher m = SEGMENT.matcher(path.startsWith("$.") ? path.substring(2) : path);
        while (m.find()) out.add(m.group(1) != null ? m.group(1) : m.group(2));
        return out;
    }

    private static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        return sb.toString();
    }

    private static Optional<Integer> offsetOf(String json, String pointer) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                // A container's own context is the one it opens; its place is in the enclosing one.
                JsonStreamContext ctx = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
                if (ctx.pathAsPointer().toString().equals(pointer)) return Optional.of((int) p.currentTokenLocation().getCharOffset());
            }
        } catch (IOException e) {
            // Text that is not JSON has no paths to point at.
        }
        return Optional.empty();
    }

    private static Position position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(offset, line, offset - lineStart + 1);
    }
}
