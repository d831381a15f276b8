package io.clarion.agent.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The reader's English phrase lists ({@code agent/phrases.yml}), read once: language as data, not code. */
public final class PhraseBook {
    private static final JsonNode ROOT = read();

    private PhraseBook() {
    }

    public static JsonNode root() {
        return ROOT;
    }

    /** The words of a list, lower case. */
    public static Set<String> words(String field) {
        Set<String> out = new HashSet<>();
        ROOT.path(field).forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    private static JsonNode read() {
        try (InputStream in = PhraseBook.class.getResourceAsStream("/agent/phrases.yml")) {
            if (in == null) throw new IllegalStateException("agent/phrases.yml is missing from the classpath");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
