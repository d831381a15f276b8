package io.clarion.agent;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a catalog can answer, in its own words, for help and refusal texts: its subjects (the
 * certified cubes) and example questions built from its certified metrics and dimensions, so a
 * catalog about invoices and tracks never hears about customers and NPS.
 */
public final class CatalogTopics {
    private CatalogTopics() {
    }

    /** "customers, invoices and support tickets": the cubes with a certified member, at most six. */
    public static String subjects(Catalog catalog) {
        List<String> names = new ArrayList<>();
        for (Cube c : catalog.cubes().values()) {
            boolean certified = c.measures().stream().anyMatch(m -> m.info().certified())
                    || c.dimensions().stream().anyMatch(d -> d.info().certified());
            if (certified && names.size() < 6) names.add(words(c.name()));
        }
        if (names.isEmpty()) return "the certified metrics of the catalog";
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** An example question from the catalog: a certified metric, by a certified text dimension when there is one. */
    public static String example(Catalog catalog) {
        Metric metric = catalog.metrics().values().stream().filter(m -> m.info().certified()).findFirst().orElse(null);
        String what = metric != null ? words(metric.name())
                : catalog.cubes().values().stream().flatMap(c -> c.measures().stream()).filter(m -> m.info().certified())
                        .findFirst().map(m -> words(m.cube()) + " " + words(m.name())).orElse(null);
        if (what == null) return "What can I ask?";
        Dimension by = catalog.cubes().values().stream().flatMap(c -> c.dimensions().stream())
                .filter(d -> d.info().certified() && d.type() == DimensionType.STRING && !d.primaryKey() && !d.info().pii())
                .findFirst().orElse(null);
        String q = by == null ? "What is the " + what + "?" : "What is the " + what + " by " + words(by.name()) + "?";
        return q.substring(0, 1).toUpperCase(Locale.ROOT) + q.substring(1);
    }

    private static String words(String name) {
        return name.replace('_', ' ');
    }
}
