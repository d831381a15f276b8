package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "customers with no open tickets", "accounts that have zero escalations", "customers without any
 * invoices this year": rows kept where a measure of theirs is zero, read as that measure compared
 * to 0 per row or group (the threshold rows and groups are kept by, see {@link ThresholdGroups}).
 * The engine counts a row with nothing in the measured table as zero, so such rows are kept.
 * Only before a measure: "customers with no plan" names an empty column, which this does not read.
 */
final class NoneOf {
    private static final Set<String> HAVING = Set.of("with", "have", "has", "had", "having");
    private static final Set<String> NONE = Set.of("no", "zero", "0");

    private NoneOf() {
    }

    static void read(Reading rd, List<Mention> mentions) {
        for (Mention m : mentions) {
            int at = m.first();
            if (at < 2 || !rd.facts.hasMetricLike(m.targets())) continue;
            int start = -1;
            String before = rd.tokens.get(at - 1).raw();
            if (NONE.contains(before) && HAVING.contains(rd.tokens.get(at - 2).raw())) start = at - 1;
            else if (before.equals("without")) start = at - 1;
            else if (before.equals("any") && rd.tokens.get(at - 2).raw().equals("without")) start = at - 2;
            if (start < 0 || rd.taken[start] || rd.comparisons.stream().anyMatch(c -> c.end == at - 1)) continue;
            for (int i = start; i < at; i++) rd.taken[i] = true;
            Cmp none = new Cmp("equals", List.of(0.0), start, at - 1);
            rd.comparisons.add(none);
            rd.noneOf.add(none);
            rd.assumptions.add("Read \"" + String.join(" ", rd.tokens.subList(start, at).stream().map(t -> t.raw()).toList()) + " "
                    + rd.words(m) + "\" as " + rd.words(m) + " equal to 0.");
        }
    }

    /**
     * Rows with nothing in the measured table exist only in their own table: the rows' plain
     * count is read beside the measure, so that every row is there to be compared with 0. When
     * that count has no date and a period is asked, the rows cannot be told apart by period, and
     * the answer says so instead of listing none.
     */
    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (rd.noneOf.isEmpty() || !(o instanceof PlannerOutcome.Planned p)) return o;
        MetricQuery q = p.query();
        boolean zero = q.filters().stream().anyMatch(f -> f.metric() != null && "equals".equals(f.operator()) && f.value() != null
                && f.value().isNumber() && f.value().asDouble() == 0);
        if (!zero) return o;
        Optional<Measure> count = Optional.empty();
        for (String d : q.dimensions()) {
            Optional<Cube> cube = rd.ctx.catalog().dimension(d).filter(x -> x.primaryKey()).flatMap(x -> rd.ctx.catalog().cube(x.cube()));
            count = cube.flatMap(c -> c.measures().stream().filter(m -> m.type() == MeasureType.COUNT && m.filters().isEmpty()).findFirst());
            if (count.isPresent()) break;
        }
        if (count.isEmpty() || q.metrics().contains(count.get().fullName())) return o;
        boolean period = q.filters().stream().anyMatch(f -> "metric_time".equals(f.dimension()));
        // A dated count would keep only the rows dated in the period (customers who signed up in it), a timeless one is refused under it.
        if (period) {
            return new PlannerOutcome.Refused("I can find the rows of " + count.get().cube() + " with none of it over all time, but not within a period: "
                    + count.get().fullName() + " has no date, so rows with nothing in the period cannot be told apart. Ask again without the period.");
        }
        List<String> metrics = new ArrayList<>(q.metrics());
        metrics.add(count.get().fullName());
        // A count of nothing is 0; a sum of nothing is empty, which "equal to 0" would not keep.
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            boolean summed = f.metric() != null && "equals".equals(f.operator()) && rd.ctx.catalog().measure(f.metric())
                    .map(m -> m.type() != MeasureType.COUNT && m.type() != MeasureType.COUNT_DISTINCT).orElse(false);
            filters.add(summed ? new MetricQuery.Filter(null, f.metric(), "not_set", null, null) : f);
        }
        List<String> a = new ArrayList<>(p.assumptions());
        a.add("Read every row of " + count.get().cube() + " (" + count.get().fullName() + "), so that rows with none are kept.");
        return new PlannerOutcome.Planned(new MetricQuery(metrics, q.dimensions(), filters, q.segments(), q.orderBy(), q.limit(),
                q.timezone(), q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()), a, p.basis());
    }
}
