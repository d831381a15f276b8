package io.clarion.briefing.skill;

import io.clarion.briefing.skill.Skill.Accounts;
import io.clarion.briefing.skill.Skill.Audience;
import io.clarion.briefing.skill.Skill.Recipient;
import io.clarion.briefing.skill.Skill.Signal;
import io.clarion.diagnostics.Location;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Suggestions;

/**
 * The sections of a risk briefing skill: the accounts query and its key, name and MRR columns,
 * the signals (each a query, points and the evidence columns it shows), and who receives it.
 */
final class RiskSections {
    private final SkillReader r;
    private final YamlFields yaml;

    RiskSections(SkillReader r) {
        this.r = r;
        this.yaml = r.yaml;
    }

    Accounts accounts() {
        YMap m = yaml.requiredMap(r.doc, "accounts", SkillReader.ACCOUNTS_KEYS, "a risk_briefing skill");
        if (m == null) return null;
        String key = yaml.requiredScalar(m, "key", "accounts");
        String name = yaml.requiredScalar(m, "name", "accounts");
        String mrr = yaml.requiredScalar(m, "mrr", "accounts");
        MetricQuery q = r.query(m, "accounts");
        if (q != null) {
            List<String> columns = new ArrayList<>(q.dimensions());
            columns.addAll(q.metrics());
            for (String[] field : new String[][]{{"key", key}, {"name", name}, {"mrr", mrr}}) {
                if (field[1] != null && !columns.contains(field[1])) {
                    yaml.report(YamlCode.INVALID_VALUE, m.get(field[0]).location(), "accounts " + field[0] + " " + field[1]
                            + " is not a column of the accounts query", Suggestions.closest(field[1], columns));
                }
            }
        }
        return key == null || name == null || mrr == null || q == null ? null : new Accounts(key, name, mrr, q);
    }

    List<Signal> signals() {
        List<Signal> out = new ArrayList<>();
        YNode n = r.doc.get("signals");
        if (n == null) {
            yaml.report(YamlCode.MISSING_FIELD, r.doc.location(), "a risk_briefing skill needs signals:");
            return out;
        }
        List<YMap> items = yaml.listOfMaps(n, "signals");
        if (items.isEmpty()) yaml.report(YamlCode.MISSING_FIELD, n.location(), "signals: lists at least one signal");
        Map<String, Location> seen = new HashMap<>();
        for (YMap s : items) {
            yaml.checkKeys(s, SkillReader.SIGNAL_KEYS, "signal");
            String name = yaml.requiredScalar(s, "name", "signal");
            if (name != null && seen.containsKey(name)) {
                yaml.report(SkillCode.DUPLICATE_NAME, s.get("name").location(), "signal \"" + name + "\" is already declared at " + seen.get(name));
            } else if (name != null) {
                seen.put(name, s.get("name").location());
            }
            String context = "signal " + name;
            String label = r.values.text(yaml.requiredScalar(s, "label", context));
            String driver = r.values.text(yaml.scalar(s, "driver"));
            Integer points = r.positiveInt(s, "points", context, true);
            List<YScalar> evidence = yaml.names(s.get("evidence"), "evidence", true);
            MetricQuery q = r.query(s, context);
            if (q != null) {
                Signal probe = new Signal(name, label, 0, driver, List.of(), q, s.location());
                for (YScalar e : evidence) {
                    if (probe.column(e.text()).isEmpty()) {
                        List<String> cols = new ArrayList<>(q.metrics());
                        cols.addAll(q.dimensions());
                        yaml.report(YamlCode.INVALID_VALUE, e.location(), "evidence " + e.text() + " is not a column of signal " + name
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

    Audience audience() {
        YMap m = yaml.requiredMap(r.doc, "audience", SkillReader.AUDIENCE_KEYS, "a risk_briefing skill");
        if (m == null) return null;
        String groupBy = yaml.requiredScalar(m, "group_by", "audience");
        YMap r = yaml.requiredMap(m, "recipient", SkillReader.RECIPIENT_KEYS, "audience");
        if (r == null) return null;
        String key = yaml.requiredScalar(r, "key", "recipient");
        String name = yaml.scalar(r, "name");
        String email = yaml.scalar(r, "email");
        String slack = yaml.scalar(r, "slack_user_id");
        return new Audience(groupBy, new Recipient(key, name, email, slack));
    }
}
