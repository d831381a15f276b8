package io.clarion.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Iterator;
import java.util.Map;

/**
 * Every JSON request body (queries, chat, feedback, skills) is read here, strictly: duplicate
 * keys, trailing content and comments are errors rather than silently resolved, and no text may
 * hold a NUL byte (PostgreSQL refuses it, so it would fail the audit row but not the answer) or
 * exceed {@link #MAX_TEXT} characters (a value is echoed in messages and written to the audit log).
 */
public final class StrictJson {
    /** The longest text value or key a request may hold. */
    public static final int MAX_TEXT = 10_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /** Why a body was refused: a code for the API error and a message naming where. */
    public static final class Invalid extends RuntimeException {
        private final String code;
        private final String path;

        Invalid(String code, String path, String message) {
            super(message);
            this.code = code;
            this.path = path;
        }

        public String code() {
            return code;
        }

        public String path() {
            return path;
        }
    }

    private StrictJson() {
    }

    /** The parsed body; null for an empty one. */
    public static JsonNode read(String body) {
        if (body == null || body.isBlank()) return null;
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            // Jackson quotes the offending token: cut it, a 1 MB token is not echoed back.
            throw new Invalid("malformed_json", "$", "not valid JSON" + where + ": "
                    + io.clarion.diagnostics.Echo.cap(e.getOriginalMessage()));
        }
        check(n, "$");
        return n;
    }

    /** Refuses NUL bytes and over-long text anywhere in {@code n}, keys included. */
    public static void check(JsonNode n, String path) {
        if (n == null) return;
        if (n.isTextual()) {
            text(n.textValue(), path);
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) check(n.get(i), path + "[" + i + "]");
        } else if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                text(e.getKey(), path);
                check(e.getValue(), path + "." + e.getKey());
            }
        }
    }

    private static void text(String s, String path) {
        if (s.indexOf('\0') >= 0) throw new Invalid("nul_byte", path, "text at " + cut(path) + " holds a NUL byte (\\u0000), which is refused");
        if (s.length() > MAX_TEXT) {
            throw new Invalid("value_too_long", path, "text at " + cut(path) + " has " + s.length() + " characters; the most is " + MAX_TEXT);
        }
    }

    private static String cut(String path) {
        return path.indexOf('\0') >= 0 ? "$" : io.clarion.diagnostics.Echo.cap(path);
    }
}
