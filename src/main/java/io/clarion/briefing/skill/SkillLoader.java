package io.clarion.briefing.skill;

import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFiles;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.diagnostics.Suggestions;
import io.clarion.catalog.model.Catalog;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.yaml.LocatedYaml;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.plan.Planner;
import io.clarion.diagnostics.Issue;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.QueryValidator;
import io.clarion.query.ResolvedQuery;
import io.clarion.engine.QueryService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads every skill of a folder and checks it against the catalog, the way {@link
 * io.clarion.catalog.CatalogLoader} loads the catalog: problems are values, all of them reported at
 * once with file:line:column and near names. Every query must validate and plan with certified
 * members only.
 */
public final class SkillLoader {
    private SkillLoader() {
    }

    /**
     * A skill file that cannot be used with this catalog (a member it needs is missing, a template
     * is absent, the YAML is broken): switched off, with its problems, so the rest still run.
     */
    public record Disabled(String file, String name, List<Issue> issues) {
        public Disabled {
            issues = List.copyOf(issues);
        }

        /** "skills/x.yml:12:7: unknown metric ... (and 3 more problems)". */
        public String reason() {
            String first = issues.isEmpty() ? "invalid" : IssueRenderer.text(issues.get(0));
            return issues.size() <= 1 ? first : first + " (and " + (issues.size() - 1) + " more problem" + (issues.size() == 2 ? "" : "s") + ")";
        }
    }

    /**
     * The skills of files without errors, every error found, and the files switched off. A skill
     * written for another catalog (it names only members or roles this one lacks) is switched off
     * with one {@link SkillCode#UNBOUND_MEMBERS} or {@link SkillCode#UNBOUND_ROLE} issue that is
     * not an error: {@link #unbound()} lists them.
     */
    public record LoadResult(List<Skill> skills, List<Issue> errors, List<Disabled> disabled) {
        public LoadResult {
            skills = List.copyOf(skills);
            errors = List.copyOf(errors);
            disabled = List.copyOf(disabled);
        }

        /** One issue per skill switched off because it does not bind to this catalog. */
        public List<Issue> unbound() {
            return disabled.stream().flatMap(d -> d.issues().stream())
                    .filter(i -> i.code() == SkillCode.UNBOUND_MEMBERS || i.code() == SkillCode.UNBOUND_ROLE).toList();
        }

        public LoadResult(List<Skill> skills, List<Issue> errors) {
            this(skills, errors, List.of());
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** One error per line: file:line:column: message (did you mean ...?). */
        public String report() {
            return IssueRenderer.report(errors);
        }

        public Optional<Skill> skill(String name) {
            return skills.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    /** Without a templates folder: template files are not checked. */
    public static LoadResult load(Path dir, Catalog catalog) {
        return load(dir, null, catalog);
    }

    /** @param templatesDir where template files must exist; null skips that check */
    public static LoadResult load(Path skillsDir, Path templatesDir, Catalog catalog) {
        List<Issue> errors = new ArrayList<>();
        Map<String, String> texts = YamlFiles.read(skillsDir, "skills", errors);
        if (!Files.isDirectory(skillsDir)) return new LoadResult(List.of(), errors);
        return load(texts, templatesDir, catalog, errors);
    }

    /** For tests and tools: file name to YAML text, in order. */
    public static LoadResult loadStrings(Map<String, String> files, Path templatesDir, Catalog catalog) {
        return load(files, templatesDir, catalog, new ArrayList<>());
    }

    private static LoadResult load(Map<String, String> texts, Path templatesDir, Catalog catalog, List<Issue> errors) {
        Checks checks = new Checks(catalog, templatesDir, errors);
        List<Skill> skills = new ArrayList<>();
        List<Disabled> disabled = new ArrayList<>();
        Map<String, Location> names = new LinkedHashMap<>();
        for (var e : texts.entrySet()) {
            int before = errors.size();
            try {
                loadOne(e.getKey(), e.getValue(), checks, names, skills, errors, before);
            } finally {
                if (errors.size() > before) {
                    String name = skillName(e.getKey(), e.getValue());
                    List<Issue> own = errors.subList(before, errors.size());
                    Optional<Issue> unbound = Unbound.collapse(own, catalog);
                    disabled.add(new Disabled(e.getKey(), name, unbound.map(List::of).orElse(List.copyOf(own))));
                    if (unbound.isPresent()) own.clear();
                }
            }
        }
        return new LoadResult(skills, errors, disabled);
    }

    /** The name a skill file gives itself, or its file name when it cannot be read. */
    private static String skillName(String file, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^name:\\s*[\"']?([A-Za-z0-9_.-]+)").matcher(text);
        if (m.find()) return m.group(1);
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.replaceFirst("\\.ya?ml$", "");
    }

    private static void loadOne(String fileName, String text, Checks checks, Map<String, Location> names, List<Skill> skills,
                                List<Issue> errors, int before) {
        {
            YNode doc = LocatedYaml.parse(fileName, text, errors);
            if (doc == null) return;
            if (!(doc instanceof YMap parsed)) {
                errors.add(Issue.of(YamlCode.INVALID_STRUCTURE, doc.location(), "a skill file is a mapping with name:, kind: ..."));
                return;
            }
            YMap map = parsed;
            YMap bound = Binding.apply(map, checks.roles, errors);
            if (bound == null) return;
            map = bound;
            SkillReader.Read read = SkillReader.read(map, null, errors);
            read.queries().forEach(q -> checks.query(q, read.unresolved()));
            checks.audience(map);
            checks.templates(map);
            YNode nameNode = map.get("name");
            if (nameNode instanceof YScalar s && s.text() != null) {
                Location first = names.putIfAbsent(s.text(), s.location());
                if (first != null) {
                    errors.add(Issue.of(SkillCode.DUPLICATE_NAME, s.location(), "skill \"" + s.text() + "\" is already declared at " + first));
                }
            }
            if (errors.size() == before && read.skill() != null) skills.add(read.skill());
        }
    }

    /** The checks that need the catalog or the file system. */
    private static final class Checks {
        private final Catalog catalog;
        final io.clarion.catalog.model.Roles roles;
        private final Path templatesDir;
        private final List<Issue> errors;
        private final QueryValidator validator;
        private final Planner planner;
        private final QueryValidator.Options options;
        private boolean templatesDirReported;

        Checks(Catalog catalog, Path templatesDir, List<Issue> errors) {
            this.catalog = catalog;
            this.roles = io.clarion.catalog.model.Roles.of(catalog);
            this.templatesDir = templatesDir;
            this.errors = errors;
            this.validator = new QueryValidator(catalog);
            this.planner = new Planner(catalog);
            // Relative date ranges need a date to resolve; any date checks their form.
            this.options = new QueryValidator.Options(LocalDate.now(), QueryService.DEFAULT_LIMIT, Integer.MAX_VALUE, true);
        }

        void query(SkillReader.QuerySite site, java.util.Set<Location> unresolved) {
            try {
                ResolvedQuery resolved = validator.validate(site.query(), options);
                planner.plan(resolved);
            } catch (QueryException e) {
                for (Issue qe : e.errors()) {
                    Issue issue = QueryIssues.fromQuery(site.context(), qe, site.locate());
                    if (!unresolved.contains(issue.where())) errors.add(issue);
                }
            } catch (RuntimeException e) {
                Issue qe = QueryCode.INVALID_QUERY.at("$", "the query cannot be planned: " + e.getMessage());
                errors.add(QueryIssues.fromQuery(site.context(), qe, site.locate()));
            }
        }

        void audience(YMap doc) {
            if (!(doc.get("audience") instanceof YMap a)) return;
            dimension(a.get("group_by"), "audience group_by");
            if (!(a.get("recipient") instanceof YMap r)) return;
            for (String k : List.of("key", "name", "email", "slack_user_id")) dimension(r.get(k), "recipient " + k);
        }

        private void dimension(YNode n, String what) {
            if (!(n instanceof YScalar s) || s.text() == null) return;
            if (catalog.dimension(s.text()).isPresent()) return;
            List<String> dims = catalog.members().stream()
                    .filter(m -> m instanceof io.clarion.catalog.model.Dimension)
                    .map(Member::fullName).toList();
            errors.add(Issue.of(SkillCode.UNKNOWN_MEMBER, s.location(), what + ": unknown dimension \"" + s.text() + "\"",
                    Suggestions.closest(s.text(), dims)));
        }

        void templates(YMap doc) {
            if (templatesDir == null || !(doc.get("templates") instanceof YMap t)) return;
            if (!Files.isDirectory(templatesDir)) {
                if (!templatesDirReported) {
                    errors.add(Issue.of(YamlCode.MISSING_FOLDER, t.location(), "templates folder " + templatesDir + " does not exist"));
                }
                templatesDirReported = true;
                return;
            }
            List<String> present;
            try (Stream<Path> s = Files.list(templatesDir)) {
                present = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                present = List.of();
            }
            for (YNode n : t.values().values()) {
                if (!(n instanceof YScalar s) || s.text() == null) continue;
                Path file = templatesDir.resolve(s.text()).normalize();
                if (!file.startsWith(templatesDir.normalize()) || !Files.isRegularFile(file)) {
                    errors.add(Issue.of(SkillCode.MISSING_TEMPLATE, s.location(), "template " + s.text() + " not found in "
                            + templatesDir, Suggestions.closest(s.text(), present)));
                }
            }
        }
    }
}
