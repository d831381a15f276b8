package io.clarion.plan;

import io.clarion.diagnostics.Issue;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The refusal for a time window on a timeless measure. Answering it would return today's value
 * under a past period's label, so the query is refused with the reason and what to ask instead:
 * the measure's dated sibling (same cube, type and expression) or the same query without the window.
 */
final class TimelessRefusal {
    private TimelessRefusal() {
    }

    static Issue of(Catalog catalog, String output, Measure m, String window) {
        String via = output.equals(m.fullName()) ? m.fullName() : output + " reads " + m.fullName() + ", which";
        String msg = via + " is a current-state number with no date (timeless), so " + window
                + " cannot apply to it and would label today's value with a period";
        List<String> instead = datedSiblings(catalog, m);
        msg += instead.isEmpty() ? "; drop the time filter and grain to get the current value"
                : "; for a value per period ask for " + String.join(" or ", instead) + ", or drop the time filter and grain to get the current value";
        return QueryCode.TIMELESS_MEASURE.at(window.contains("grouping") ? "dimensions" : "filters", msg);
    }

    /**
     * Dated measures of the same cube aggregating the same expression over no rows the timeless one
     * excludes (its filters are a subset), named by a simple metric where one exists.
     */
    private static List<String> datedSiblings(Catalog catalog, Measure m) {
        List<String> out = new ArrayList<>();
        Cube c = catalog.cube(m.cube()).orElse(null);
        if (c == null) return out;
        for (Measure s : c.measures()) {
            if (s.timeless() || s.type() != m.type()) continue;
            String a = m.sql() == null ? null : m.sql().source();
            String b = s.sql() == null ? null : s.sql().source();
            if (!Objects.equals(a, b)) continue;
            List<String> mine = m.filters().stream().map(f -> f.source()).toList();
            if (!s.filters().stream().map(f -> f.source()).allMatch(mine::contains)) continue;
            String name = catalog.metrics().values().stream()
                    .filter(x -> x.type() == MetricType.SIMPLE && x.offset() == null && x.filters().isEmpty()
                            && s.fullName().equals(x.expression() == null ? null : x.expression().strip()))
                    .map(Metric::name).findFirst().orElse(s.fullName());
            if (!out.contains(name)) out.add(name);
        }
        return out;
    }
}
