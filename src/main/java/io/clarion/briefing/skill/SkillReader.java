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
import io.clarion.catalog.CatalogError;
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
            "signals", "audience", "schedule", "channels", "templates", "what_changed", "profile");
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

    private final YMap doc;
    private final List<CatalogError> errors;
    private final List<QuerySite> sites = new ArrayList<>();
    private final Set<Location> unresolved = new java.util.HashSet<>();
    private Map<String, Parameter> params;
    private Substitution values;
    private Substitution checks;

    private SkillReader(YMap doc, List<CatalogError> errors) {
        this.doc = doc;
        this.errors = errors;
    }

    /**
     * @param params the parameters to substitute, or null to use the ones the document declares
     */
    static Read read(YMap doc, Map<String, Parameter> params, List<CatalogError> errors) {
        return new SkillReader(doc, errors).read(params);
    }

    private Read read(Map<String, Parameter> given) {
        int before = errors.size();
        checkKeys(doc, TOP_KEYS, "skill");
        String name = requiredText(doc, "name", "skill");
        Map<String, Parameter> declared = parameters();
        params = given == null ? declared : given;
        values = new Substitution(params, false);
        checks = new Substitution(params, true);
        Substitution.references(withoutParameters(), (ref, at) -> {
            if (!params.containsKey(ref)) {
                unresolved.add(at.location());
                error(at.location(), "unknown_parameter", "unknown parameter ${" + ref + "}", Suggestions.closest(ref, params.keySet()));
            }
        });

        Kind kind = kind();
        String description = values.text(text(doc, "description"));
        if (description == null) error(doc.location(), "missing_field", "skill " + name + " needs a description", List.of());
        String question = values.text(text(doc, "question"));
        String owner = text(doc, "owner");

        Accounts accounts = null;
        List<Signal> signals = List.of();
        Audience audience = null;
        WhatChangedSpec whatChanged = null;
        List<ProfileSection> profile = List.of();
        if (kind != null) {
            onlyFor(kind, Kind.RISK_BRIEFING, "accounts", "signals", "audience");
            onlyFor(kind, Kind.WHAT_CHANGED, "what_changed");
            onlyFor(kind, Kind.PROFILE, "profile");
            switch (kind) {
                case RISK_BRIEFING -> {
                    accounts = accounts();
                    signals = signals();
                    audience = audience();
                    for (String k : List.of("schedule", "channels", "templates")) {
                        if (doc.get(k) == null) error(doc.location(), "missing_field", "a risk_briefing skill needs " + k + ":", List.of());
                    }
                }
                case WHAT_CHANGED -> whatChanged = whatChanged();
                case PROFILE -> profile = profile();
            }
        }
        Schedule schedule = schedule();
        Set<Channel> channels = channels();
        Templates templates = templates(channels);
        Skill skill = errors.size() > before ? null : new Skill(name, description, question, owner, kind, params, accounts,
                signals, audience, schedule, channels, templates, whatChanged, profile, doc.location(), doc);
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
            error(n.location(), "invalid_structure", "parameters: is a mapping of name to {value, description}", List.of());
            return out;
        }
        for (var e : m.values().entrySet()) {
            String key = e.getKey();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                error(m.keyLocation(key), "invalid_value", "parameter name \"" + key + "\" must be letters, digits and _", List.of());
            }
            YNode v = e.getValue();
            YNode value = v;
            String description = null;
            if (v instanceof YMap pm) {
                checkKeys(pm, PARAMETER_KEYS, "parameter");
                value = pm.get("value");
                description = text(pm, "description");
                if (!pm.keys().containsKey("value")) {
                    error(pm.location(), "missing_field", "parameter " + key + " needs value: (null when it is given at run time)", List.of());
                }
            }
            Object plain = null;
            if (value instanceof YScalar s) {
                plain = Substitution.plain(s, t -> error(s.location(), "invalid_value", "\"" + t + "\" is not a number", List.of()));
            } else if (value != null) {
                error(value.location(), "invalid_value", "parameter " + key + " must be a single value (number, text, true/false or null)", List.of());
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
            error(doc.location(), "missing_field", "a skill needs kind: (risk_briefing, what_changed or profile) or signals:", List.of());
            return null;
        }
        String t = text(doc, "kind");
        for (Kind x : Kind.values()) {
            if (x.key().equalsIgnoreCase(t)) return x;
        }
        error(k.location(), "invalid_value", "unknown kind \"" + t + "\"",
                Suggestions.closest(t, java.util.Arrays.stream(Kind.values()).map(Kind::key).toList()));
        return null;
    }

    private void onlyFor(Kind kind, Kind owner, String... keys) {
        if (kind == owner) return;
        for (String key : keys) {
            if (doc.get(key) != null) {
                error(doc.keyLocation(key), "invalid_structure", key + ": belongs to " + owner.key() + " skills, not " + kind.key(), List.of());
            }
        }
    }

    private Accounts accounts() {
        YMap m = requiredMap(doc, "accounts", ACCOUNTS_KEYS, "accounts");
        if (m == null) return null;
        String key = requiredText(m, "key", "accounts");
        String name = requiredText(m, "name", "accounts");
        String mrr = requiredText(m, "mrr", "accounts");
        MetricQuery q = query(m, "accounts");
        if (q != null) {
            List<String> columns = new ArrayList<>(q.dimensions());
            columns.addAll(q.metrics());
            for (String[] field : new String[][]{{"key", key}, {"name", name}, {"mrr", mrr}}) {
                if (field[1] != null && !columns.contains(field[1])) {
                    error(m.get(field[0]).location(), "invalid_value", "accounts " + field[0] + " " + field[1]
                            + " is not a column of the accounts query", Suggestions.closest(field[1], columns));
                }
            }
        }
        return key == null || name == null || mrr == null || q == null ? null : new Accounts(key, name, mrr, q);
    }

    private List<Signal> signals() {
        List<Signal> out = new ArrayList<>();
        YNode n = doc.get("signals");
        if (n == null) {
            error(doc.location(), "missing_field", "a risk_briefing skill needs signals:", List.of());
            return out;
        }
        List<YMap> items = listOfMaps(n, "signals");
        if (items.isEmpty()) error(n.location(), "missing_field", "signals: lists at least one signal", List.of());
        Map<String, Location> seen = new HashMap<>();
        for (YMap s : items) {
            checkKeys(s, SIGNAL_KEYS, "signal");
            String name = requiredText(s, "name", "signal");
            if (name != null && seen.containsKey(name)) {
                error(s.get("name").location(), "duplicate_name", "signal \"" + name + "\" is already declared at " + seen.get(name), List.of());
            } else if (name != null) {
                seen.put(name, s.get("name").location());
            }
            String context = "signal " + name;
            String label = values.text(requiredText(s, "label", context));
            String driver = values.text(text(s, "driver"));
            Integer points = positiveInt(s, "points", context, true);
            List<YScalar> evidence = scalars(s.get("evidence"), "evidence");
            MetricQuery q = query(s, context);
            if (q != null) {
                Signal probe = new Signal(name, label, 0, driver, List.of(), q, s.location());
                for (YScalar e : evidence) {
                    if (probe.column(e.text()).isEmpty()) {
                        List<String> cols = new ArrayList<>(q.metrics());
                        cols.addAll(q.dimensions());
                        error(e.location(), "invalid_value", "evidence " + e.text() + " is not a column of signal " + name
                                + "'s query", Suggestions.closest(e.text(), cols));
                    }
                }
            }
            if (name != null && label != null && points != null && q != null) {
                out.add(new Signal(name, label, points, driver, evidence.stream().map(YScalar::text).toList(), q, s.location()));
            }
        }
        return out;
    }

    private Audience audience() {
        YMap m = requiredMap(doc, "audience", AUDIENCE_KEYS, "audience");
        if (m == null) return null;
        String groupBy = requiredText(m, "group_by", "audience");
        YMap r = requiredMap(m, "recipient", RECIPIENT_KEYS, "audience");
        if (r == null) return null;
        String key = requiredText(r, "key", "recipient");
        String name = text(r, "name");
        String email = text(r, "email");
        String slack = text(r, "slack_user_id");
        return new Audience(groupBy, new Recipient(key, name, email, slack));
    }

    private Schedule schedule() {
        YNode n = doc.get("schedule");
        if (n == null) return null;
        if (!(n instanceof YMap m)) {
            error(n.location(), "invalid_structure", "schedule: is a mapping with cron, timezone and misfire", List.of());
            return null;
        }
        checkKeys(m, SCHEDULE_KEYS, "schedule");
        String cron = requiredText(m, "cron", "schedule");
        if (cron != null && !CronExpression.isValidExpression(cron)) {
            String why;
            try {
                new CronExpression(cron);
                why = "";
            } catch (ParseException e) {
                why = ": " + e.getMessage();
            }
            error(m.get("cron").location(), "invalid_cron", "\"" + cron + "\" is not a valid Quartz cron expression" + why
                    + " (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 7 ? * MON\")", List.of());
            cron = null;
        }
        ZoneId zone = ZoneId.of("UTC");
        String tz = text(m, "timezone");
        if (tz != null) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                error(m.get("timezone").location(), "invalid_timezone", "unknown time zone \"" + tz + "\"",
                        Suggestions.closest(tz, ZoneId.getAvailableZoneIds()));
                zone = null;
            }
        }
        Misfire misfire = Misfire.FIRE_ONCE_NOW;
        String mf = text(m, "misfire");
        if (mf != null) {
            misfire = null;
            for (Misfire x : Misfire.values()) {
                if (x.name().equalsIgnoreCase(mf)) misfire = x;
            }
            if (misfire == null) {
                error(m.get("misfire").location(), "invalid_value", "unknown misfire policy \"" + mf + "\"",
                        Suggestions.closest(mf, List.of("fire_once_now", "skip")));
            }
        }
        return cron == null || zone == null || misfire == null ? null : new Schedule(cron, zone, misfire);
    }

    private Set<Channel> channels() {
        Set<Channel> out = new LinkedHashSet<>();
        for (YScalar s : scalars(doc.get("channels"), "channels")) {
            Channel c = null;
            for (Channel x : Channel.values()) {
                if (x.key().equalsIgnoreCase(s.text())) c = x;
            }
            if (c == null) {
                error(s.location(), "invalid_value", "unknown channel \"" + s.text() + "\"",
                        Suggestions.closest(s.text(), List.of("email", "slack")));
            } else if (!out.add(c)) {
                error(s.location(), "duplicate_name", "channel " + c.key() + " is listed twice", List.of());
            }
        }
        return out;
    }

    private Templates templates(Set<Channel> channels) {
        YNode n = doc.get("templates");
        if (n == null) return null;
        if (!(n instanceof YMap m)) {
            error(n.location(), "invalid_structure", "templates: is a mapping with email_html, email_text and slack", List.of());
            return null;
        }
        checkKeys(m, TEMPLATE_KEYS, "templates");
        if (channels.contains(Channel.EMAIL)) {
            requiredText(m, "email_html", "templates (for the email channel)");
            requiredText(m, "email_text", "templates (for the email channel)");
        }
        if (channels.contains(Channel.SLACK)) requiredText(m, "slack", "templates (for the slack channel)");
        return new Templates(text(m, "email_html"), text(m, "email_text"), text(m, "slack"));
    }

    private WhatChangedSpec whatChanged() {
        YMap m = requiredMap(doc, "what_changed", WHAT_CHANGED_KEYS, "what_changed");
        if (m == null) return null;
        Grain grain = null;
        String g = requiredText(m, "grain", "what_changed");
        if (g != null) {
            grain = Grain.parse(g).filter(x -> x == Grain.WEEK || x == Grain.MONTH).orElse(null);
            if (grain == null) {
                error(m.get("grain").location(), "invalid_value", "what_changed grain is week or month, not \"" + g + "\"",
                        Suggestions.closest(g, List.of("week", "month")));
            }
        }
        Integer history = positiveInt(m, "history", "what_changed", true);
        Double z = positiveNumber(m, "unusual_z", 1e9);
        Double share = positiveNumber(m, "concentration_share", 1.0);
        Integer top = positiveInt(m, "top", "what_changed", true);
        List<WhatChangedSpec.KeyMetric> metrics = new ArrayList<>();
        YNode ms = m.get("metrics");
        if (ms == null) error(m.location(), "missing_field", "what_changed needs metrics:", List.of());
        Set<String> seen = new java.util.HashSet<>();
        for (YMap km : ms == null ? List.<YMap>of() : listOfMaps(ms, "metrics")) {
            checkKeys(km, KEY_METRIC_KEYS, "key metric");
            String member = requiredText(km, "member", "key metric");
            String time = requiredText(km, "time_dimension", "key metric " + member);
            String label = values.text(text(km, "label"));
            List<YScalar> breakdowns = scalars(km.get("breakdowns"), "breakdowns");
            if (member != null && !seen.add(member)) {
                error(km.get("member").location(), "duplicate_name", "key metric " + member + " is listed twice", List.of());
            }
            if (member == null || time == null || grain == null) continue;
            // The analysis cuts the member by period, alone and by each breakdown: check exactly those queries.
            String period = time + "." + grain.key();
            Location memberAt = km.get("member").location();
            Location timeAt = km.get("time_dimension").location();
            // The analysis reads a bounded run of periods: the current one and the history before it.
            String window = "last " + ((history == null ? 6 : history) + 1) + " " + grain.key() + "s";
            List<MetricQuery.Filter> range = List.of(new MetricQuery.Filter(time, null, "in_date_range",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf(window), null));
            sites.add(new QuerySite("key metric " + member, periodQuery(member, List.of(period), range),
                    e -> e.path() != null && (e.path().startsWith("dimensions") || e.path().startsWith("filters")) ? timeAt : memberAt));
            for (YScalar b : breakdowns) {
                sites.add(new QuerySite("key metric " + member + " by " + b.text(), periodQuery(member, List.of(period, b.text()), range),
                        e -> e.path() == null ? memberAt : e.path().startsWith("dimensions[1]") ? b.location()
                                : e.path().startsWith("dimensions") || e.path().startsWith("filters") ? timeAt : e.path().startsWith("metrics") ? memberAt : b.location()));
            }
            metrics.add(new WhatChangedSpec.KeyMetric(member, label == null ? member : label, time,
                    breakdowns.stream().map(YScalar::text).toList()));
        }
        if (ms != null && ms instanceof YList l && l.items().isEmpty()) {
            error(ms.location(), "missing_field", "what_changed metrics: lists at least one key metric", List.of());
        }
        if (grain == null || history == null || z == null || share == null || top == null) return null;
        return new WhatChangedSpec(grain, history, z, share, top, metrics);
    }

    private static MetricQuery periodQuery(String member, List<String> dims, List<MetricQuery.Filter> filters) {
        return new MetricQuery(List.of(member), dims, filters, null, null, null, null, null, null, null, null);
    }

    private List<ProfileSection> profile() {
        List<ProfileSection> out = new ArrayList<>();
        YNode n = doc.get("profile");
        if (n == null) {
            error(doc.location(), "missing_field", "a profile skill needs profile: (its sections)", List.of());
            return out;
        }
        List<YMap> items = listOfMaps(n, "profile");
        if (items.isEmpty()) error(n.location(), "missing_field", "profile: lists at least one section", List.of());
        Map<String, Location> seen = new HashMap<>();
        for (YMap s : items) {
            checkKeys(s, SECTION_KEYS, "profile section");
            String name = requiredText(s, "name", "profile section");
            if (name != null && seen.containsKey(name)) {
                error(s.get("name").location(), "duplicate_name", "profile section \"" + name + "\" is already declared at "
                        + seen.get(name), List.of());
            } else if (name != null) {
                seen.put(name, s.get("name").location());
            }
            String label = values.text(text(s, "label"));
            MetricQuery q = query(s, "profile section " + name);
            if (name != null && q != null) out.add(new ProfileSection(name, label == null ? name : label, q));
        }
        return out;
    }

    // ---- queries --------------------------------------------------------------------------------

    /** The query under {@code owner.query}, parameters applied; its catalog check is queued. */
    private MetricQuery query(YMap owner, String context) {
        YNode node = owner.get("query");
        if (node == null) {
            error(owner.location(), "missing_field", context + " needs a query", List.of());
            return null;
        }
        if (!(node instanceof YMap)) {
            error(node.location(), "invalid_structure", context + ": query is a metric query mapping (metrics, dimensions, filters ...)", List.of());
            return null;
        }
        Function<Issue, Location> locate = e -> QueryLocations.locate(node, e.path(), e.code() == QueryCode.UNKNOWN_KEY);
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
                    CatalogError ce = fromQuery(context, qe, locate);
                    if (!unresolved.contains(ce.location())) errors.add(ce);
                }
            }
            return null;
        }
    }

    static CatalogError fromQuery(String context, Issue e, Function<Issue, Location> locate) {
        return new CatalogError(locate.apply(e), e.key(), context + ": " + e.message(), e.suggestions());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void checkKeys(YMap m, Set<String> allowed, String what) {
        for (String k : m.keys().keySet()) {
            if (!allowed.contains(k)) {
                error(m.keyLocation(k), "unknown_key", "unknown key \"" + k + "\" in " + what, Suggestions.closest(k, allowed));
            }
        }
    }

    private YMap requiredMap(YMap parent, String key, Set<String> allowed, String what) {
        YNode n = parent.get(key);
        if (n == null) {
            error(parent.location(), "missing_field", what + " needs " + key + ":", List.of());
            return null;
        }
        if (!(n instanceof YMap m)) {
            error(n.location(), "invalid_structure", key + ": must be a mapping", List.of());
            return null;
        }
        checkKeys(m, allowed, key);
        return m;
    }

    private String requiredText(YMap m, String key, String what) {
        String t = text(m, key);
        if (t == null || t.isBlank()) {
            YNode n = m.get(key);
            error(n == null ? m.location() : n.location(), "missing_field", what + " needs " + key + ":", List.of());
            return null;
        }
        return t;
    }

    private String text(YMap m, String key) {
        YNode n = m.get(key);
        if (n == null) return null;
        if (n instanceof YScalar s) return s.text() == null ? null : s.text().strip();
        error(n.location(), "invalid_value", key + " must be a single value", List.of());
        return null;
    }

    private Integer positiveInt(YMap m, String key, String what, boolean required) {
        YNode n = m.get(key);
        if (n == null) {
            if (required) error(m.location(), "missing_field", what + " needs " + key + ":", List.of());
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
        error(n.location(), "invalid_value", key + " must be a positive whole number, not " + describe(n), List.of());
        return null;
    }

    private Double positiveNumber(YMap m, String key, double max) {
        YNode n = m.get(key);
        if (n == null) {
            error(m.location(), "missing_field", "what_changed needs " + key + ":", List.of());
            return null;
        }
        if (n instanceof YScalar s && s.kind() == YScalar.Kind.NUMBER) {
            try {
                double v = Double.parseDouble(s.text());
                if (v > 0 && v <= max) return v;
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        error(n.location(), "invalid_value", key + " must be a number above 0" + (max <= 1 ? " and at most " + max : "")
                + ", not " + describe(n), List.of());
        return null;
    }

    private static String describe(YNode n) {
        return n instanceof YScalar s ? "\"" + s.text() + "\"" : "a " + (n instanceof YMap ? "mapping" : "list");
    }

    private List<YScalar> scalars(YNode n, String key) {
        List<YScalar> out = new ArrayList<>();
        if (n == null) return out;
        if (n instanceof YScalar s && s.text() != null) return List.of(s);
        if (!(n instanceof YList l)) {
            error(n.location(), "invalid_structure", key + ": must be a list of names", List.of());
            return out;
        }
        for (YNode item : l.items()) {
            if (item instanceof YScalar s && s.kind() == YScalar.Kind.STRING && s.text() != null && !s.text().isBlank()) {
                out.add(new YScalar(s.text().strip(), s.kind(), s.location()));
            } else {
                error(item.location(), "invalid_value", "each entry of " + key + " must be a name", List.of());
            }
        }
        return out;
    }

    private List<YMap> listOfMaps(YNode n, String key) {
        List<YMap> out = new ArrayList<>();
        if (!(n instanceof YList l)) {
            error(n.location(), "invalid_structure", key + ": must be a list", List.of());
            return out;
        }
        for (YNode item : l.items()) {
            if (item instanceof YMap m) out.add(m);
            else error(item.location(), "invalid_structure", "each entry of " + key + " must be a mapping", List.of());
        }
        return out;
    }

    private void error(Location at, String code, String message, List<String> suggestions) {
        errors.add(new CatalogError(at, code, message, suggestions));
    }
}
