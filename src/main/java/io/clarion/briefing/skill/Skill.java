package io.clarion.briefing.skill;

import io.clarion.briefing.change.WhatChangedSpec;
import io.clarion.diagnostics.Suggestions;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.yaml.YNode;
import io.clarion.query.MetricQuery;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * A reusable analysis or briefing workflow, read from {@code skills/*.yml}. Every query in it is a
 * certified metric query; {@code ${param}} references in it are already replaced by the
 * parameters' values. Sections a kind does not use are null (or empty lists).
 *
 * @param parameters  declared parameters in file order; a parameter with a null value must be given at run time
 * @param accounts    risk_briefing: one row per account, keyed by {@code accounts.key}
 * @param signals     risk_briefing: each fires for every account its query returns
 * @param channels    where a briefing is delivered
 * @param whatChanged what_changed: the key metrics and breakdowns to explain
 * @param profile     profile: the sections of the card, each a query with a {@code ${customer_id}} filter
 * @param model       risk_briefing: the churn model's features and label, when the skill declares one (else null)
 * @param location    where the skill was declared
 * @param source      the skill as written, kept so parameters can be substituted again
 */
public record Skill(String name, String description, String question, String owner, Kind kind,
                    Map<String, Parameter> parameters, Accounts accounts, List<Signal> signals, Audience audience,
                    Schedule schedule, Set<Channel> channels, Templates templates, WhatChangedSpec whatChanged,
                    List<ProfileSection> profile, io.clarion.model.ModelSpec model, Location location, YNode.YMap source) {

    public Skill {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        signals = signals == null ? List.of() : List.copyOf(signals);
        channels = channels == null ? Set.of() : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(channels));
        profile = profile == null ? List.of() : List.copyOf(profile);
    }

    public enum Kind {
        RISK_BRIEFING, WHAT_CHANGED, PROFILE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A parameter's value (Long, Double, String or Boolean; null when it must be given at run time). */
    public record Parameter(Object value, String description) {
        public boolean required() {
            return value == null;
        }
    }

    /** The population scored: one row per account; {@code key}, {@code name} and {@code mrr} name its columns. */
    public record Accounts(String key, String name, String mrr, MetricQuery query) {
    }

    /**
     * A risk signal: it fires for every account its query returns, adding {@code points}.
     * {@code evidence} names members whose values explain it; see {@link #column(String)}.
     */
    public record Signal(String name, String label, int points, String driver, List<String> evidence,
                         MetricQuery query, Location location) {
        public Signal {
            evidence = List.copyOf(evidence);
        }

        /**
         * The result column of {@link #query} that holds an evidence member: the member itself, or
         * the time dimension with its grain ({@code customers.contract_end_date} is read from
         * {@code customers.contract_end_date.day}).
         */
        public Optional<String> column(String member) {
            List<String> cols = new ArrayList<>(query.metrics());
            cols.addAll(query.dimensions());
            if (cols.contains(member)) return Optional.of(member);
            return cols.stream().filter(c -> c.startsWith(member + ".") && c.indexOf('.', member.length() + 1) < 0).findFirst();
        }
    }

    /** Who receives a briefing: rows are grouped by {@code groupBy}; {@code recipient} reads the person. */
    public record Audience(String groupBy, Recipient recipient) {
    }

    /** Members that hold a recipient's key (matched to the group), name, email and Slack user id. */
    public record Recipient(String key, String name, String email, String slackUserId) {
    }

    public record Schedule(String cron, ZoneId timezone, Misfire misfire) {
    }

    /** What to do when a run was missed (the application was down): run once now, or wait for the next. */
    public enum Misfire { FIRE_ONCE_NOW, SKIP }

    public enum Channel {
        EMAIL, SLACK;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Template file names, relative to the templates folder. */
    public record Templates(String emailHtml, String emailText, String slack) {
    }

    /** One section of a profile card. */
    public record ProfileSection(String name, String label, MetricQuery query) {
    }

    public Optional<io.clarion.model.ModelSpec> modelSpec() {
        return Optional.ofNullable(model);
    }

    public Optional<WhatChangedSpec> whatChangedSpec() {
        return Optional.ofNullable(whatChanged);
    }

    public Signal signal(String signalName) {
        return signals.stream().filter(s -> s.name().equals(signalName)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("skill " + name + " has no signal \"" + signalName + "\""
                        + didYouMean(signalName, signals.stream().map(Signal::name).toList())));
    }

    /** The signal's query with the current parameter values applied; fails while a required parameter has none. */
    public MetricQuery signalQuery(String signalName) {
        requireParameters();
        return signal(signalName).query();
    }

    /** Required parameters that have no value yet. */
    public List<String> missingParameters() {
        return parameters.entrySet().stream().filter(e -> e.getValue().required()).map(Map.Entry::getKey).toList();
    }

    /** @throws IllegalStateException naming every required parameter without a value */
    public void requireParameters() {
        List<String> missing = missingParameters();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("skill " + name + " needs a value for parameter" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing));
        }
    }

    /**
     * This skill with some parameters set to other values, every query, label and text substituted
     * again. A string override of a numeric parameter is read as a number ("45" → 45).
     *
     * @throws IllegalArgumentException for an unknown parameter or a value of the wrong kind
     */
    public Skill withParameters(Map<String, Object> overrides) {
        Map<String, Parameter> merged = new LinkedHashMap<>(parameters);
        for (var e : overrides.entrySet()) {
            Parameter p = parameters.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("skill " + name + " has no parameter \"" + e.getKey() + "\""
                        + didYouMean(e.getKey(), parameters.keySet()));
            }
            merged.put(e.getKey(), new Parameter(coerce(e.getKey(), p, e.getValue()), p.description()));
        }
        List<io.clarion.diagnostics.Issue> errors = new ArrayList<>();
        Skill s = SkillReader.read(source, merged, errors).skill();
        if (!errors.isEmpty() || s == null) {
            throw new IllegalArgumentException("skill " + name + " with these parameters: " + errors.get(0).message());
        }
        return s;
    }

    private static Object coerce(String key, Parameter declared, Object value) {
        if (value == null || declared.value() == null) return value instanceof Integer i ? Long.valueOf(i) : value;
        if (declared.value() instanceof Number) {
            if (value instanceof Integer i) return Long.valueOf(i);
            if (value instanceof Number) return value;
            try {
                String t = value.toString().strip();
                return t.matches("-?\\d+") ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("parameter " + key + " is a number, not \"" + value + "\"");
            }
        }
        return value;
    }

    private static String didYouMean(String name, java.util.Collection<String> candidates) {
        List<String> near = Suggestions.closest(name, candidates);
        if (!near.isEmpty()) return io.clarion.diagnostics.IssueRenderer.didYouMean(near);
        return candidates.isEmpty() ? "" : " (it has " + String.join(", ", candidates) + ")";
    }
}
