package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;

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
            Optional<Dimension> col = rowColumn(rd, x, cubes);
            if (col.isPresent()) return col;
        }
        return Optional.empty();
    }

    /**
     * The column one row holds of what {@code m} aggregates (a sum, average, minimum or maximum of
     * a column, as a measure or a simple metric), where that column's cube has one row per row of
     * each of {@code rows}' cubes: compared row by row, the aggregate is the column.
     */
    private static Optional<Dimension> rowColumn(Reading rd, Member m, List<String> rows) {
        Optional<Measure> measure = m instanceof Measure x ? Optional.of(x)
                : m instanceof Metric mt && mt.type() == io.clarion.catalog.model.MetricType.SIMPLE && mt.expression() != null
                ? rd.ctx.catalog().measure(mt.expression().strip()) : Optional.empty();
        if (measure.isEmpty() || !measure.get().filters().isEmpty() || rows.isEmpty()
                || !java.util.Set.of(MeasureType.AVG, MeasureType.SUM, MeasureType.MIN, MeasureType.MAX).contains(measure.get().type())) {
            return Optional.empty();
        }
        for (String c : rows) if (!oneToOne(rd, c, measure.get().cube())) return Optional.empty();
        return column(rd, measure.get());
    }

    /**
     * "how many accounts score under 45 on health": a count of a cube's rows beside a compared
     * average or sum of one column of a cube that has one row per row of it (the same cube, or one
     * joined one to one) is a count of the rows whose column passes; compared as a total it would
     * count every row or none.
     */
    /** The metrics left to ask for, with the row filter added to {@code filters} when one applies. */
    static List<Slot> countWithRowFilter(Reading rd, CatalogFacts facts, List<Slot> metrics, List<io.clarion.query.MetricQuery.Filter> filters) {
        if (metrics.size() != 2) return metrics;
        for (Slot compared : metrics) {
            Slot count = metrics.get(0) == compared ? metrics.get(1) : metrics.get(0);
            if (compared.cmp() == null || count.cmp() != null || !facts.isCount(count.order().get(0))) continue;
            Optional<Dimension> col = rowColumn(rd, compared.order().get(0), List.copyOf(facts.cubesOf(count.order().get(0))));
            if (col.isEmpty()) continue;
            filters.add(compared.cmp().filter(col.get().fullName(), true));
            rd.assumptions.add("Counted the rows whose own " + col.get().fullName() + " passes, not a total compared.");
            return List.of(count);
        }
        return metrics;
    }

    private static boolean oneToOne(Reading rd, String a, String b) {
        return a.equals(b) || (rd.ctx.catalog().reachedWithoutFanOut(a).contains(b) && rd.ctx.catalog().reachedWithoutFanOut(b).contains(a));
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
