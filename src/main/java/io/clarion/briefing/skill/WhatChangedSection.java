package io.clarion.briefing.skill;

import io.clarion.briefing.change.WhatChangedSpec;
import io.clarion.briefing.skill.SkillReader.QuerySite;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.diagnostics.Location;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Suggestions;

/**
 * The what_changed section: grain, history and thresholds, and the key metrics with the exact
 * queries the analysis will run for them (per period, alone and by each breakdown), queued for
 * the catalog check.
 */
final class WhatChangedSection {
    private final SkillReader r;
    private final YamlFields yaml;

    WhatChangedSection(SkillReader r) {
        this.r = r;
        this.yaml = r.yaml;
    }

    WhatChangedSpec whatChanged() {
        YMap m = yaml.requiredMap(r.doc, "what_changed", SkillReader.WHAT_CHANGED_KEYS, "a what_changed skill");
        if (m == null) return null;
        Grain grain = null;
        String g = yaml.requiredScalar(m, "grain", "what_changed");
        if (g != null) {
            grain = Grain.parse(g).filter(x -> x == Grain.WEEK || x == Grain.MONTH).orElse(null);
            if (grain == null) {
                yaml.report(YamlCode.INVALID_VALUE, m.get("grain").location(), "what_changed grain is week or month, not \"" + g + "\"",
                        Suggestions.closest(g, List.of("week", "month")));
            }
        }
        Integer history = r.positiveInt(m, "history", "what_changed", true);
        Double z = positiveNumber(m, "unusual_z", 1e9);
        Double share = positiveNumber(m, "concentration_share", 1.0);
        Integer top = r.positiveInt(m, "top", "what_changed", true);
        List<WhatChangedSpec.KeyMetric> metrics = new ArrayList<>();
        YNode ms = m.get("metrics");
        if (ms == null) yaml.report(YamlCode.MISSING_FIELD, m.location(), "what_changed needs metrics:");
        Set<String> seen = new java.util.HashSet<>();
        for (YMap km : ms == null ? List.<YMap>of() : yaml.listOfMaps(ms, "metrics")) {
            yaml.checkKeys(km, SkillReader.KEY_METRIC_KEYS, "key metric");
            String member = yaml.requiredScalar(km, "member", "key metric");
            String time = yaml.requiredScalar(km, "time_dimension", "key metric " + member);
            String label = r.values.text(yaml.scalar(km, "label"));
            List<YScalar> breakdowns = yaml.names(km.get("breakdowns"), "breakdowns", true);
            if (member != null && !seen.add(member)) {
                yaml.report(SkillCode.DUPLICATE_NAME, km.get("member").location(), "key metric " + member + " is listed twice");
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
            r.sites.add(new QuerySite("key metric " + member, periodQuery(member, List.of(period), range),
                    e -> e.path() != null && (e.path().startsWith("dimensions") || e.path().startsWith("filters")) ? timeAt : memberAt));
            for (YScalar b : breakdowns) {
                r.sites.add(new QuerySite("key metric " + member + " by " + b.text(), periodQuery(member, List.of(period, b.text()), range),
                        e -> e.path() == null ? memberAt : e.path().startsWith("dimensions[1]") ? b.location()
                                : e.path().startsWith("dimensions") || e.path().startsWith("filters") ? timeAt : e.path().startsWith("metrics") ? memberAt : b.location()));
            }
            metrics.add(new WhatChangedSpec.KeyMetric(member, label == null ? member : label, time,
                    breakdowns.stream().map(YScalar::text).toList()));
        }
        if (ms != null && ms instanceof YList l && l.items().isEmpty()) {
            yaml.report(YamlCode.MISSING_FIELD, ms.location(), "what_changed metrics: lists at least one key metric");
        }
        if (grain == null || history == null || z == null || share == null || top == null) return null;
        return new WhatChangedSpec(grain, history, z, share, top, metrics);
    }

    private static MetricQuery periodQuery(String member, List<String> dims, List<MetricQuery.Filter> filters) {
        return new MetricQuery(List.of(member), dims, filters, null, null, null, null, null, null, null, null);
    }

    private Double positiveNumber(YMap m, String key, double max) {
        YNode n = m.get(key);
        if (n == null) {
            yaml.report(YamlCode.MISSING_FIELD, m.location(), "what_changed needs " + key + ":");
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
        yaml.report(YamlCode.INVALID_VALUE, n.location(), key + " must be a number above 0" + (max <= 1 ? " and at most " + max : "")
                + ", not " + SkillReader.describe(n));
        return null;
    }
}
