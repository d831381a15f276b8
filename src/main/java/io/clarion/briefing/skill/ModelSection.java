package io.clarion.briefing.skill;

import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Suggestions;
import io.clarion.model.ModelSpec;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code model:} section of a risk briefing skill: the churn model's features, each a column
 * of a certified metric query evaluated as of the reference date, and its label. The population is
 * the skill's accounts query.
 */
final class ModelSection {
    static final Set<String> MODEL_KEYS = Set.of("horizon_days", "origins", "origin_step_days", "validation_origins", "label", "features",
            "retrain");
    static final Set<String> LABEL_KEYS = Set.of("churn_date", "query");
    static final Set<String> QUERY_KEYS = Set.of("query", "columns");
    static final Set<String> COLUMN_KEYS = Set.of("name", "member", "change_from", "equals", "missing", "words");

    private final SkillReader r;
    private final YamlFields yaml;

    ModelSection(SkillReader r) {
        this.r = r;
        this.yaml = r.yaml;
    }

    /** Null when the skill has no model section (or it has errors, which are reported). */
    ModelSpec model(Skill.Accounts accounts) {
        YNode n = r.doc.get("model");
        if (n == null) return null;
        if (!(n instanceof YMap m)) {
            yaml.report(YamlCode.INVALID_STRUCTURE, n.location(), "model: is a mapping (horizon_days, label, features ...)");
            return null;
        }
        yaml.checkKeys(m, MODEL_KEYS, "model");
        Integer horizon = or(r.positiveInt(m, "horizon_days", "model", false), ModelSpec.DEFAULT_HORIZON_DAYS);
        Integer origins = or(r.positiveInt(m, "origins", "model", false), ModelSpec.DEFAULT_ORIGINS);
        Integer step = or(r.positiveInt(m, "origin_step_days", "model", false), ModelSpec.DEFAULT_STEP_DAYS);
        Integer valid = or(r.positiveInt(m, "validation_origins", "model", false), ModelSpec.DEFAULT_VALIDATION_ORIGINS);
        if (origins <= valid) {
            yaml.report(YamlCode.INVALID_VALUE, m.location(), "model: origins (" + origins + ") must be more than validation_origins (" + valid + ")");
        }
        // Retraining runs on its own schedule; a bad cron is reported here and the model keeps no schedule.
        String retrain = DeliverySections.validCron(yaml, m, "retrain", yaml.scalar(m, "retrain"));
        YMap lm = yaml.requiredMap(m, "label", LABEL_KEYS, "model");
        ModelSpec.Label label = null;
        if (lm != null) {
            String churnDate = yaml.requiredScalar(lm, "churn_date", "model label");
            MetricQuery lq = r.query(lm, "model label");
            if (churnDate != null && lq != null) label = new ModelSpec.Label(lq, churnDate, null, null);
        }
        List<ModelSpec.FeatureQuery> queries = new ArrayList<>();
        YNode fn = m.get("features");
        if (fn == null) {
            yaml.report(YamlCode.MISSING_FIELD, m.location(), "model: needs features:");
            return null;
        }
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (YMap fq : yaml.listOfMaps(fn, "features")) {
            yaml.checkKeys(fq, QUERY_KEYS, "model features");
            MetricQuery q = r.query(fq, "model features");
            List<String> cols = new ArrayList<>();
            if (q != null) {
                cols.addAll(q.dimensions());
                cols.addAll(q.metrics());
            }
            List<ModelSpec.Feature> features = new ArrayList<>();
            YNode cn = fq.get("columns");
            if (cn == null) {
                yaml.report(YamlCode.MISSING_FIELD, fq.location(), "model features need columns: (the features read from the query)");
                ok = false;
                continue;
            }
            for (YMap c : yaml.listOfMaps(cn, "columns")) {
                yaml.checkKeys(c, COLUMN_KEYS, "model feature");
                String name = yaml.requiredScalar(c, "name", "model feature");
                String member = yaml.requiredScalar(c, "member", "model feature " + name);
                String from = yaml.scalar(c, "change_from");
                String equals = yaml.scalar(c, "equals");
                String missing = yaml.scalar(c, "missing");
                String words = yaml.scalar(c, "words");
                if (name != null && !names.add(name)) {
                    yaml.report(SkillCode.DUPLICATE_NAME, c.get("name").location(), "model feature \"" + name + "\" is declared twice");
                    ok = false;
                }
                for (String[] col : new String[][]{{"member", member}, {"change_from", from}}) {
                    if (q != null && col[1] != null && cols.stream().noneMatch(x -> x.equals(col[1]) || x.startsWith(col[1] + "."))) {
                        yaml.report(YamlCode.INVALID_VALUE, c.get(col[0]).location(), "model feature " + name + ": " + col[1]
                                + " is not a column of its query", Suggestions.closest(col[1], cols));
                        ok = false;
                    }
                }
                Double miss = null;
                if (missing != null) {
                    try {
                        miss = Double.parseDouble(missing);
                    } catch (NumberFormatException e) {
                        yaml.report(YamlCode.INVALID_VALUE, c.get("missing").location(), "missing must be a number, not \"" + missing + "\"");
                        ok = false;
                    }
                }
                if (name == null || member == null) ok = false;
                else features.add(new ModelSpec.Feature(name, member, from, equals, miss, r.values.text(words)));
            }
            if (q == null) ok = false;
            else if (!features.isEmpty()) queries.add(new ModelSpec.FeatureQuery(q, features));
        }
        if (!ok || label == null || accounts == null || queries.isEmpty() || origins <= valid) return null;
        return new ModelSpec(accounts.query(), accounts.key(), queries, label, horizon, origins, step, valid, retrain);
    }

    private static Integer or(Integer v, int dflt) {
        return v == null ? dflt : v;
    }
}
