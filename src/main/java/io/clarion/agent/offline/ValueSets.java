package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two or more values of one dimension ("north and south", "jazz or blues") are one set of values,
 * never equals filters that no row can meet at once. Added up as one figure, said as an
 * assumption; shown value by value when the question asks to compare them or to see each.
 */
final class ValueSets {
    private static final Set<String> APART = Set.of("vs", "versus", "compare", "compared", "comparing", "each", "split",
            "respectively", "separately", "breakdown", "broken", "individually", "side");

    private ValueSets() {
    }

    /**
     * Replaces the equals filters on one dimension by one {@code in} filter (and {@code not_equals}
     * by {@code not_in}); returns the dimension to group by when each value is asked for apart.
     */
    static Optional<String> merge(Reading rd, List<MetricQuery.Filter> filters) {
        String apart = null;
        for (String op : List.of("equals", "not_equals")) {
            Map<String, List<MetricQuery.Filter>> byDimension = new LinkedHashMap<>();
            for (MetricQuery.Filter f : filters) {
                if (f.dimension() != null && op.equals(f.operator()) && f.value() != null && f.value().isTextual()) {
                    byDimension.computeIfAbsent(f.dimension(), k -> new ArrayList<>()).add(f);
                }
            }
            for (Map.Entry<String, List<MetricQuery.Filter>> e : byDimension.entrySet()) {
                List<JsonNode> values = new ArrayList<>();
                for (MetricQuery.Filter f : e.getValue()) if (!values.contains(f.value())) values.add(f.value());
                if (values.size() < 2) continue;
                int at = filters.indexOf(e.getValue().get(0));
                filters.removeAll(e.getValue());
                filters.add(at, new MetricQuery.Filter(e.getKey(), null, op.equals("equals") ? "in" : "not_in", null, values));
                List<String> names = values.stream().map(JsonNode::asText).toList();
                if (op.equals("not_equals")) continue;
                if (askedApart(rd)) {
                    apart = e.getKey();
                    rd.assumptions.add("Shown for " + String.join(" and ", names) + " apart (" + e.getKey() + ").");
                } else {
                    rd.assumptions.add("Counted " + String.join(" and ", names) + " together (" + e.getKey()
                            + " is one of them); ask \"by " + label(e.getKey()) + "\" to see each.");
                }
            }
        }
        return Optional.ofNullable(apart);
    }

    /** "customers.region" is asked for as "region", "genre.name" as "genre". */
    private static String label(String dimension) {
        String cube = dimension.substring(0, dimension.indexOf('.')), name = dimension.substring(dimension.indexOf('.') + 1);
        return (name.equals("name") ? cube : name).replace('_', ' ');
    }

    private static boolean askedApart(Reading rd) {
        return rd.tokens.stream().anyMatch(t -> APART.contains(t.raw()));
    }
}
