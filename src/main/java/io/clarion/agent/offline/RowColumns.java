package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;

import java.util.List;
import java.util.Optional;

/**
 * "customers with more than 300 seats", "how many customers have over 300 seats": compared row by
 * row, a sum of the listed rows' own column is that column ("seats_purchased"), so the rows are
 * filtered on it; as a threshold on the sum it would ask for groups, and a count of the rows would
 * be lost.
 */
final class RowColumns {
    private RowColumns() {
    }

    /** The threshold's measure: a filter on the listed rows' own column where there is one, else the measure compared. */
    static void place(Reading rd, CatalogFacts facts, Mention m, ThresholdGroups.Read threshold, List<Slot> metricSlots, List<Slot> filterSlots) {
        Optional<Dimension> col = ownColumn(rd, facts, threshold);
        if (col.isPresent()) {
            rd.assumptions.add("Compared each row's own " + col.get().fullName() + ", not a total over rows.");
            filterSlots.add(new Slot(m, List.of(col.get()), threshold.cmp()));
            return;
        }
        metricSlots.add(new Slot(m, facts.orderForMetric(m.targets(), m), threshold.cmp()));
    }

    private static final java.util.regex.Pattern COUNT_ASKED = java.util.regex.Pattern.compile("^(?:\\w+ ){0,3}?(?:how many|number of|count)\\b");

    /** "how many customers have over 300 seats": the rows filtered on their own column are counted, not listed. */
    static boolean countsRows(Reading rd, CatalogFacts facts, ThresholdGroups.Read threshold) {
        return COUNT_ASKED.matcher(rd.joined).find() && ownColumn(rd, facts, threshold).isPresent();
    }

    private static Optional<Dimension> ownColumn(Reading rd, CatalogFacts facts, ThresholdGroups.Read threshold) {
        if (!threshold.entity()) return Optional.empty();
        List<String> cubes = facts.entityDimensions(threshold.group()).stream().map(Dimension::cube).distinct().toList();
        for (Member x : facts.orderForMetric(threshold.measure().targets(), threshold.measure())) {
            if (!(x instanceof Measure ms) || ms.type() != MeasureType.SUM || !ms.filters().isEmpty() || !cubes.contains(ms.cube())) continue;
            Optional<Dimension> col = column(rd, ms);
            if (col.isPresent()) return col;
        }
        return Optional.empty();
    }

    /** The cube's number column a sum adds up, written the same way. */
    private static Optional<Dimension> column(Reading rd, Measure ms) {
        if (ms.sql() == null) return Optional.empty();
        String sql = ms.sql().source().strip();
        return rd.ctx.catalog().cube(ms.cube()).map(Cube::dimensions).orElse(List.of()).stream()
                .filter(d -> d.type() == io.clarion.catalog.model.DimensionType.NUMBER && d.sql() != null && d.sql().source().strip().equals(sql)
                        && d.info().certified())
                .findFirst();
    }
}
