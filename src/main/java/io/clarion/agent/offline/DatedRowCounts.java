package io.clarion.agent.offline;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.query.MetricQuery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "how many customers used each feature last quarter": a table's row count has no date, but
 * counted through another table's rows (grouped or filtered by its columns) in a period, the
 * rows asked are those with rows there in the period: that table's distinct count of the key, when
 * the catalog declares one dated ("distinct customers with any event"). Only a plain count of a
 * keyed table, and only one such measure per table the query reaches.
 */
final class DatedRowCounts {
    private DatedRowCounts() {
    }

    static Optional<Measure> of(Catalog catalog, Measure count, MetricQuery q) {
        if (count.type() != MeasureType.COUNT || !count.filters().isEmpty()) return Optional.empty();
        Optional<Dimension> key = catalog.cube(count.cube()).flatMap(Cube::primaryKey);
        if (key.isEmpty()) return Optional.empty();
        String column = key.get().sql().source().strip();
        Set<String> others = new LinkedHashSet<>();
        for (String d : q.dimensions()) if (d.indexOf('.') > 0 && !d.startsWith("metric_time")) others.add(d.substring(0, d.indexOf('.')));
        for (MetricQuery.Filter f : q.filters()) {
            if (f.dimension() != null && f.dimension().indexOf('.') > 0 && !f.dimension().startsWith("metric_time")) {
                others.add(f.dimension().substring(0, f.dimension().indexOf('.')));
            }
        }
        others.remove(count.cube());
        for (String cube : others) {
            List<Measure> distinct = distinctKeys(catalog.cube(cube).stream(), column);
            // "the features with the fewest customers using them in 2025": a lookup table (features) counts
            // through the one table of rows that points at it (product events).
            if (distinct.isEmpty()) {
                distinct = distinctKeys(catalog.cubes().values().stream().filter(c -> c.joins().stream()
                        .anyMatch(j -> j.to().equals(cube) && j.relationship() == io.clarion.catalog.model.Relationship.MANY_TO_ONE)), column);
            }
            if (distinct.size() == 1) return Optional.of(distinct.get(0));
        }
        return Optional.empty();
    }

    private static List<Measure> distinctKeys(java.util.stream.Stream<Cube> cubes, String column) {
        return cubes.flatMap(c -> c.measures().stream())
                .filter(m -> m.type() == MeasureType.COUNT_DISTINCT && m.filters().isEmpty() && m.time().dated()
                        && m.sql().source().strip().equals(column))
                .toList();
    }
}
