package io.clarion.agent;

import io.clarion.catalog.yaml.LocatedYaml;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.catalog.yaml.YamlFiles;
import io.clarion.catalog.yaml.YamlPaths;
import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;
import io.clarion.diagnostics.Issue;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * Verified queries kept beside the catalog ({@code verified_queries:} in any semantic/*.yml):
 * analyst-approved question → metric query pairs, each checked against the catalog on load, each
 * problem reported at the file, line and column it was written.
 */
public final class VerifiedQueries {
    private static final Set<String> ENTRY_KEYS = Set.of("question", "query", "verified_by", "verified_at");

    /** A verified query the catalog does not accept. */
    public enum VerifiedCode implements Code {
        INVALID_QUERY;

        @Override
        public String key() {
            return Code.keyOf(this);
        }

        @Override
        public Blame blame() {
            return Blame.USER;
        }
    }

    /** What was loaded, and every problem found; nothing is used when any. */
    public record Loaded(List<VerifiedQuery> queries, List<Issue> errors) {
        public Loaded {
            queries = List.copyOf(queries);
            errors = List.copyOf(errors);
        }
    }

    private VerifiedQueries() {
    }

    public static Loaded load(Path dir, QueryService queries) {
        List<VerifiedQuery> out = new ArrayList<>();
        List<Issue> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new Loaded(out, errors);
        YamlFields yaml = new YamlFields(errors);
        for (Map.Entry<String, String> file : YamlFiles.read(dir, "catalog", errors).entrySet()) {
            // The catalog loader reports unreadable YAML with its location; here such a file has no entries.
            YNode root = LocatedYaml.parse(file.getKey(), file.getValue(), new ArrayList<>());
            YNode list = root instanceof YMap m ? m.get("verified_queries") : null;
            if (list == null) continue;
            for (YMap e : yaml.listOfMaps(list, "verified_queries")) {
                VerifiedQuery q = entry(e, yaml, queries);
                if (q != null) out.add(q);
            }
        }
        return new Loaded(errors.isEmpty() ? out : List.of(), errors);
    }

    private static VerifiedQuery entry(YMap e, YamlFields yaml, QueryService queries) {
        yaml.checkKeys(e, ENTRY_KEYS, "verified query");
        String question = yaml.requiredScalar(e, "question", "a verified query");
        if (question == null) return null;
        LocalDate at = null;
        String date = yaml.scalar(e, "verified_at");
        if (date != null) {
            try {
                at = LocalDate.parse(date);
            } catch (DateTimeParseException x) {
                yaml.report(YamlCode.INVALID_VALUE, e.get("verified_at").location(), "verified_at \"" + date + "\" is not a date (YYYY-MM-DD)");
                return null;
            }
        }
        YNode node = e.get("query");
        if (!(node instanceof YMap)) {
            yaml.report(YamlCode.MISSING_FIELD, node == null ? e.location() : node.location(),
                    "verified query \"" + question + "\" needs query: a metric query mapping");
            return null;
        }
        try {
            MetricQuery q = QueryParser.parse(io.clarion.catalog.yaml.YamlJson.json(node));
            queries.compile(q, new QueryService.Options(true));
            return new VerifiedQuery(question, q, text(e.get("verified_by")), at);
        } catch (QueryException x) {
            for (Issue err : x.errors()) {
                yaml.report(VerifiedCode.INVALID_QUERY, YamlPaths.locate(node, err.path(), err.code() == QueryCode.UNKNOWN_KEY),
                        "verified query \"" + question + "\": " + err.message(), err.suggestions());
            }
            return null;
        }
    }
}
