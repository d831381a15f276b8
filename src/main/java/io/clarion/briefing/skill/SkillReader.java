package io.clarion.briefing.skill;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.briefing.change.WhatChangedSpec;
import io.clarion.briefing.skill.Skill.Accounts;
import io.clarion.briefing.skill.Skill.Audience;
import io.clarion.briefing.skill.Skill.Channel;
import io.clarion.briefing.skill.Skill.Kind;
import io.clarion.briefing.skill.Skill.Misfire;
import io.clarion.briefing.skill.Skill.Parameter;
import io.clarion.briefing.skill.Skill.ProfileSection;
import io.clarion.briefing.skill.Skill.Recipient;
import io.clarion.briefing.skill.Skill.Schedule;
import io.clarion.briefing.skill.Skill.Signal;
import io.clarion.briefing.skill.Skill.Templates;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;
import io.clarion.catalog.model.Grain;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.query.MetricQuery;
import io.clarion.diagnostics.Issue;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one skill document into a {@link Skill}: structure, keys, parameters and their
 * substitution, schedule, and the checks that need no catalog. What needs the catalog (every
 * query, audience members, templates on disk) is left to {@link SkillLoader}, which gets the
 * queries to check as {@link QuerySite}s.
 */
final class SkillReader {
    static final Set<String> TOP_KEYS = Set.of("name", "description", "question", "owner", "kind", "parameters", "accounts",
            "signals", "audience", "schedule", "channels", "templates", "what_changed", "profile", "model", "binding");
    static final Set<String> PARAMETER_KEYS = Set.of("value", "description");
    static final Set<String> ACCOUNTS_KEYS = Set.of("key", "name", "mrr", "query");
    static final Set<String> SIGNAL_KEYS = Set.of("name", "label", "points", "driver", "evidence", "query");
    static final Set<String> AUDIENCE_KEYS = Set.of("group_by", "recipient");
    static final Set<String> RECIPIENT_KEYS = Set.of("key", "name", "email", "slack_user_id");
    static final Set<String> SCHEDULE_KEYS = Set.of("cron", "timezone", "misfire");
    static final Set<String> TEMPLATE_KEYS = Set.of("email_html", "email_text", "slack");
    static final Set<String> WHAT_CHANGED_KEYS = Set.of("grain", "history", "unusual_z", "concentration_share", "top", "metrics");
    static final Set<String> KEY_METRIC_KEYS = Set.of("member", "label", "time_dimension", "breakdowns");
    static final Set<String> SECTION_KEYS = Set.of("name", "label", "query");

    /** A query to check against the catalog; {@code locate} maps a Issue path to the YAML. */
    record QuerySite(String context, MetricQuery query, Function<Issue, Location> locate) {
    }

    /** @param unresolved scalars with an unknown parameter reference: already reported, so their query errors are noise */
    record Read(Skill skill, List<QuerySite> queries, Set<Location> unresolved) {
    }

    final YMap doc;
    private final List<Issue> errors;
    final YamlFields yaml;
    final List<QuerySite> sites = new ArrayList<>();
    private final Set<Location> unresolved = new java.util.HashSet<>();
    private Map<String, Parameter> params;
    Substitution values;
    private Substitution checks;

    private SkillReader(YMap doc, List<Issue> errors) {
        this.doc = doc;
        this.errors = errors;
        this.yaml = new YamlFields(errors);
    }

    /**
     * @param params the parameters to substitute, or null to use the ones the document declares
     */
    static Read read(YMap doc, Map<String, Parameter> params, List<Issue> errors) {
        return new SkillReader(doc, errors).read(params);
    }

    private Read read(Map<String, Parameter> given) {
        int before = errors.size();
        yaml.checkKeys(doc, TOP_KEYS, "skill");
        String name = yaml.requiredScalar(doc, "name", "skill");
        Map<String, Parameter> declared = parameters();
        params = given == null ? declared : given;
        values = new Substitution(params, false);
        checks = new Substitution(params, true);
        Substitution.references(withoutParameters(), (ref, at) -> {
            if (!params.containsKey(ref)) {
                unresolved.add(at.location());
                yaml.report(SkillCode.UNKNOWN_PARAMETER, at.location(), "unknown parameter ${" + ref + "}", Suggestions.closest(ref, params.keySet()));
            }
        });

        Kind kind = kind();
        String description = values.text(yaml.scalar(doc, "description"));
        if (description == null) yaml.report(YamlCode.MISSING_FIELD, doc.location(), "skill " + name + " needs a description");
        String question = values.text(yaml.scalar(doc, "question"));
        String owner = yaml.scalar(doc, "owner");

        Accounts accounts = null;
        List<Signal> signals = List.of();
        Audience audience = null;
        WhatChangedSpec whatChanged = null;
        List<ProfileSection> profile = List.of();
        io.clarion.model.ModelSpec model = null;
        if (kind != null) {
            onlyFor(kind, Kind.RISK_BRIEFING, "accounts", "signals", "audience", "model");
            onlyFor(kind, Kind.WHAT_CHANGED, "what_changed");
            onlyFor(kind, Kind.PROFILE, "profile");
            switch (kind) {
                case RISK_BRIEFING -> {
                    RiskSections risk = new RiskSections(this);
                    accounts = risk.accounts();
                    signals = risk.signals();
                    audience = risk.audience();
                    model = new ModelSection(this).model(accounts);
                    for (String k : List.of("schedule", "channels", "templates")) {
                        if (doc.get(k) == null) yaml.report(YamlCode.MISSING_FIELD, doc.location(), "a risk_briefing skill needs " + k + ":");
                    }
                }
                case WHAT_CHANGED -> whatChanged = new WhatChangedSection(this).whatChanged();
                case PROFILE -> profile = profile();
            }
        }
        DeliverySections delivery = new DeliverySections(this);
        Schedule schedule = delivery.schedule();
        Set<Channel> channels = delivery.channels();
        Templates templates = delivery.templates(channels);
        Skill skill = errors.size() > before ? null : new Skill(name, description, question, owner, kind, params, accounts,
                signals, audience, schedule, channels, templates, whatChanged, profile, model, doc.location(), doc);
        return new Read(skill, sites, unresolved);
    }

    private YMap withoutParameters() {
        Map<String, YNode> rest = new LinkedHashMap<>(doc.values());
        rest.remove("parameters");
        return new YMap(rest, Map.of(), doc.location());
    }

    // ---- sections -------------------------------------------------------------------------------

    private Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        YNode n = doc.get("parameters");
        if (n == null) return out;
        if (!(n instanceof YMap m)) {
            yaml.report(YamlCode.INVALID_STRUCTURE, n.location(), "parameters: is a mapping of name to {value, description}");
            return out;
        }
        for (var e : m.values().entrySet()) {
            String key = e.getKey();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                yaml.report(YamlCode.INVALID_VALUE, m.keyLocation(key), "parameter name \"" + key + "\" must be letters, digits and _");
            }
            YNode v = e.getValue();
            YNode value = v;
            String description = null;
            if (v instanceof YMap pm) {
                yaml.checkKeys(pm, PARAMETER_KEYS, "parameter");
                value = pm.get("value");
                description = yaml.scalar(pm, "description");
                if (!pm.keys().containsKey("value")) {
                    yaml.report(YamlCode.MISSING_FIELD, pm.location(), "parameter " + key + " needs value: (null when it is given at run time)");
                }
            }
            Object plain = null;
            if (value instanceof YScalar s) {
                plain = Substitution.plain(s, t -> yaml.report(YamlCode.INVALID_VALUE, s.location(), "\"" + t + "\" is not a number", List.of()));
            } else if (value != null) {
                yaml.report(YamlCode.INVALID_VALUE, value.location(), "parameter " + key + " must be a single value (number, text, true/false or null)");
            }
            out.put(key, new Parameter(plain, description));
        }
        return out;
    }

    private Kind kind() {
        YNode k = doc.get("kind");
        if (k == null) {
            // A misspelt signals: still leaves accounts or audience to say what the skill is.
            if (doc.get("signals") != null || doc.get("accounts") != null || doc.get("audience") != null) return Kind.RISK_BRIEFING;
            if (doc.get("what_changed") != null) return Kind.WHAT_CHANGED;
            if (doc.get("profile") != null) return Kind.PROFILE;
            yaml.report(YamlCode.MISSING_FIELD, doc.location(), "a skill needs kind: (risk_briefing, what_changed or profile) or signals:");
            return null;
        }
        String t = yaml.scalar(doc, "kind");
        for (Kind x : Kind.values()) {
            if (x.key().equalsIgnoreCase(t)) return x;
        }
        yaml.report(YamlCode.INVALID_VALUE, k.location(), "unknown kind \"" + t + "\"",
                Suggestions.closest(t, java.util.Arrays.stream(Kind.values()).map(Kind::key).toList()));
        return null;
    }

    private void onlyFor(Kind kind, Kind owner, String... keys) {
        if (kind == owner) return;
        for (String key : keys) {
            if (doc.get(key) != null) {
                yaml.report(YamlCode.INVALID_STRUCTURE, doc.keyLocation(key), key + ": belongs to " + owner.key() + " skills, not " + kind.key());
            }
        }
    }

    private List<ProfileSection> profile() {
        List<ProfileSection> out = new ArrayList<>();
        YNode n = doc.get("profile");
        if (n == null) {
            yaml.report(YamlCode.MISSING_FIELD, doc.location(), "a profile skill needs profile: (its sections)");
            return out;
        }
        List<YMap> items = yaml.listOfMaps(n, "profile");
        if (items.isEmpty()) yaml.report(YamlCode.MISSING_FIELD, n.location(), "profile: lists at least one section");
        Map<String, Location> seen = new HashMap<>();
        for (YMap s : items) {
            yaml.checkKeys(s, SECTION_KEYS, "profile section");
            String name = yaml.requiredScalar(s, "name", "profile section");
            if (name != null && seen.containsKey(name)) {
                yaml.report(SkillCode.DUPLICATE_NAME, s.get("name").location(), "profile section \"" + name + "\" is already declared at "
                        + seen.get(name));
            } else if (name != null) {
                seen.put(name, s.get("name").location());
            }
            String label = values.text(yaml.scalar(s, "label"));
            MetricQuery q = query(s, "profile section " + name);
            if (name != null && q != null) out.add(new ProfileSection(name, label == null ? name : label, q));
        }
        return out;
    }

    // ---- queries --------------------------------------------------------------------------------

    /** The query under {@code owner.query}, parameters applied; its catalog check is queued. */
    MetricQuery query(YMap owner, String context) {
        YNode node = owner.get("query");
        if (node == null) {
            yaml.report(YamlCode.MISSING_FIELD, owner.location(), context + " needs a query");
            return null;
        }
        if (!(node instanceof YMap)) {
            yaml.report(YamlCode.INVALID_STRUCTURE, node.location(), context + ": query is a metric query mapping (metrics, dimensions, filters ...)");
            return null;
        }
        Function<Issue, Location> locate = e -> io.clarion.catalog.yaml.YamlPaths.locate(node, e.path(), e.code() == QueryCode.UNKNOWN_KEY);
        MetricQuery value = parse(values.json(node), context, locate, true);
        if (value == null) return null;
        MetricQuery check = parse(checks.json(node), context, locate, false);
        if (check != null) sites.add(new QuerySite(context, check, locate));
        return value;
    }

    private MetricQuery parse(JsonNode json, String context, Function<Issue, Location> locate, boolean report) {
        try {
            return QueryParser.parse(json);
        } catch (QueryException e) {
            if (report) {
                for (Issue qe : e.errors()) {
                    Issue issue = QueryIssues.fromQuery(context, qe, locate);
                    if (!unresolved.contains(issue.where())) errors.add(issue);
                }
            }
            return null;
        }
    }

    // ---- numbers ----------------------------------------------------------------------------------

    Integer positiveInt(YMap m, String key, String what, boolean required) {
        YNode n = m.get(key);
        if (n == null) {
            if (required) yaml.report(YamlCode.MISSING_FIELD, m.location(), what + " needs " + key + ":");
            return null;
        }
        if (n instanceof YScalar s && s.kind() == YScalar.Kind.NUMBER && s.text().matches("\\+?\\d+")) {
            try {
                int v = Integer.parseInt(s.text().replace("+", ""));
                if (v > 0) return v;
            } catch (NumberFormatException ignored) {
                // too large: reported below
            }
        }
        yaml.report(YamlCode.INVALID_VALUE, n.location(), key + " must be a positive whole number, not " + describe(n));
        return null;
    }

    static String describe(YNode n) {
        return n instanceof YScalar s ? "\"" + s.text() + "\"" : "a " + (n instanceof YMap ? "mapping" : "list");
    }
}
