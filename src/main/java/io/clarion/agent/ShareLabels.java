package io.clarion.agent;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a share is said: "EMEA's share of total revenue", "the churned segment's share of total
 * customers". The reader states its reading with it and the answer names the share column with it,
 * so both say the same thing.
 */
public final class ShareLabels {
    private ShareLabels() {
    }

    /**
     * "EMEA's share of total revenue" for a share analysis of a query, "share of total revenue" for
     * every group's share, by its column name; empty for any other column.
     */
    public static Optional<String> ofColumn(Catalog catalog, MetricQuery q, String column) {
        for (MetricQuery.Analysis a : q.analysis()) {
            String metric = a.metric() != null ? a.metric() : q.metrics().isEmpty() ? null : q.metrics().get(0);
            if (metric == null) continue;
            if ("share".equals(a.type()) && column.equals(metric + "_share")) return Optional.of(of(catalog, a.filters(), a.segments(), metric));
            // Each group's share: "share of total revenue".
            if ("percent_of_total".equals(a.type()) && column.equals(metric + "_pct_of_total")) return Optional.of("share of " + whole(catalog, metric));
        }
        return Optional.empty();
    }

    /** "<part>'s share of total <whole>". */
    public static String of(Catalog catalog, List<MetricQuery.Filter> filters, List<String> segments, String whole) {
        List<String> parts = new ArrayList<>();
        for (MetricQuery.Filter f : filters == null ? List.<MetricQuery.Filter>of() : filters) parts.add(part(catalog, f));
        for (String s : segments == null ? List.<String>of() : segments) parts.add("the " + Labels.of(catalog, s) + " segment");
        String who = String.join(" and ", parts);
        return who + (who.endsWith("s") ? "'" : "'s") + " share of " + whole(catalog, whole);
    }

    /** "total revenue"; a plain count of a table's rows is named by its rows: "total customers". */
    public static String whole(Catalog catalog, String member) {
        Optional<Measure> count = catalog.measure(member).or(() -> catalog.metric(member)
                .filter(m -> m.type() == MetricType.SIMPLE && m.filters().isEmpty()).flatMap(m -> catalog.measure(m.expression().strip())));
        if (count.isPresent() && count.get().type() == MeasureType.COUNT && count.get().filters().isEmpty()
                && catalog.metric(member).map(Metric::filters).map(List::isEmpty).orElse(true)) {
            String rows = Labels.of(catalog, count.get().cube());
            return "total " + (rows.endsWith("s") ? rows : rows + "s");
        }
        String label = Labels.of(catalog, member);
        return label.startsWith("total ") ? label : "total " + label;
    }

    private static String part(Catalog catalog, MetricQuery.Filter f) {
        String dim = Labels.of(catalog, f.dimension());
        String one = f.value() == null ? "" : f.value().asText();
        List<String> many = f.values() == null ? List.of() : f.values().stream().map(v -> v.asText()).toList();
        // "escalated" for escalated = true; "not escalated" for false: a yes/no value says nothing alone.
        if (f.value() != null && f.value().isBoolean()) return (f.value().booleanValue() ? "" : "not ") + dim;
        return switch (f.operator() == null ? "" : f.operator()) {
            case "equals" -> one;
            case "in" -> String.join(" or ", many);
            case "not_equals" -> dim + " other than " + one;
            case "not_in" -> dim + " other than " + String.join(" or ", many);
            default -> dim + " " + f.operator().replace('_', ' ') + " " + (many.isEmpty() ? one : String.join(" and ", many));
        };
    }
}
