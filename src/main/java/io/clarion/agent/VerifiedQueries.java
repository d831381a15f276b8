package io.clarion.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.engine.QueryService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Verified queries kept beside the catalog ({@code verified_queries:} in any semantic/*.yml):
 * analyst-approved question → metric query pairs, each checked against the catalog on load.
 */
public final class VerifiedQueries {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What was loaded, and every problem found (file, entry, message); nothing is used when any. */
    public record Loaded(List<VerifiedQuery> queries, List<String> errors) {
        public Loaded {
            queries = List.copyOf(queries);
            errors = List.copyOf(errors);
        }
    }

    private VerifiedQueries() {
    }

    public static Loaded load(Path dir, QueryService queries) {
        List<VerifiedQuery> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new Loaded(out, errors);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            return new Loaded(List.of(), List.of(dir + ": cannot read: " + e.getMessage()));
        }
        for (Path f : files) {
            JsonNode root;
            try {
                root = YAML.readTree(f.toFile());
            } catch (IOException e) {
                continue; // the catalog loader reports unreadable YAML with its location
            }
            JsonNode list = root == null ? null : root.get("verified_queries");
            if (list == null) continue;
            String file = dir.getFileName() + "/" + dir.relativize(f);
            if (!list.isArray()) {
                errors.add(file + ": verified_queries must be a list");
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                String where = file + ": verified_queries[" + i + "]";
                JsonNode e = list.get(i);
                String question = e.path("question").asText("");
                if (question.isBlank()) {
                    errors.add(where + ": question is missing");
                    continue;
                }
                LocalDate at = null;
                if (e.hasNonNull("verified_at")) {
                    try {
                        at = LocalDate.parse(e.get("verified_at").asText());
                    } catch (DateTimeParseException x) {
                        errors.add(where + ": verified_at \"" + e.get("verified_at").asText() + "\" is not a date (YYYY-MM-DD)");
                        continue;
                    }
                }
                try {
                    MetricQuery q = QueryParser.parse(e.path("query"));
                    queries.compile(q, new QueryService.Options(true));
                    out.add(new VerifiedQuery(question, q, e.path("verified_by").asText(null), at));
                } catch (QueryException x) {
                    x.errors().forEach(err -> errors.add(where + " (\"" + question + "\"): query." + err.path() + ": " + err.message()
                            + IssueRenderer.didYouMean(err.suggestions())));
                }
            }
        }
        return new Loaded(errors.isEmpty() ? out : List.of(), errors);
    }
}
