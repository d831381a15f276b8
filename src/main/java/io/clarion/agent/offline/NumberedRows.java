package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.query.MetricQuery;

import java.util.Optional;

/**
 * "customers of support rep 3", "invoices of employee 5": a numeric key named, then its number.
 * The number is the value the rows are filtered to, never dropped and never a count or a limit.
 */
final class NumberedRows {
    private NumberedRows() {
    }

    /** Adds the filter a numbered key names right after {@code m}; whether there was one. */
    static boolean place(Reading rd, CatalogFacts facts, Mention m, java.util.List<MetricQuery.Filter> filters, java.util.List<PlacedFilter> placed) {
        Optional<MetricQuery.Filter> f = after(rd, facts, m);
        f.ifPresent(x -> {
            filters.add(x);
            placed.add(new PlacedFilter(x, m.first(), m.last() + 1));
        });
        return f.isPresent();
    }

    static Optional<MetricQuery.Filter> after(Reading rd, CatalogFacts facts, Mention m) {
        int at = m.last() + 1;
        if (at >= rd.tokens.size() || rd.taken[at]) return Optional.empty();
        String raw = rd.tokens.get(at).raw();
        if (!raw.matches("\\d{1,9}")) return Optional.empty();
        // A number that a comparison, a ranking or a period reads ("more than 3", "top 5") is taken already.
        // "customer 12": a cube's own word and a number is that row's key, even where the word also counts the cube.
        Optional<Dimension> key = facts.hasMetricLike(m.targets()) ? Optional.empty() : facts.dimensions(m.targets()).stream()
                .filter(d -> d.type() == DimensionType.NUMBER && facts.groupable(d)).findFirst();
        if (key.isEmpty()) {
            key = m.targets().stream().map(facts::entityCube).flatMap(Optional::stream).findFirst()
                    .flatMap(c -> c.dimensions().stream().filter(d -> d.primaryKey() && d.type() == DimensionType.NUMBER).findFirst());
        }
        if (key.isEmpty()) return Optional.empty();
        rd.taken[at] = true;
        rd.assumptions.add("Read \"" + rd.words(m) + " " + raw + "\" as " + key.get().fullName() + " = " + raw + ".");
        return Optional.of(new MetricQuery.Filter(key.get().fullName(), null, "equals", JsonNodeFactory.instance.numberNode(Long.parseLong(raw)), null));
    }
}
