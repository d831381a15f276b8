package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A metric cut by a column of a table its own table has no join to ("marketing spend for the
 * partner channel", where "partner" was read as the customers' acquisition channel): when the
 * metric's table holds a column of the same name ("channel"), that column is the cut, said as an
 * assumption. When it holds none, the refusal names the two things that cannot be combined.
 */
final class SharedColumns {
    private SharedColumns() {
    }

    /** The query with each column out of reach replaced by the metric table's column of the same name, or empty. */
    static Optional<MetricQuery> rewrite(Reading rd, MetricQuery q, List<String> said) {
        Catalog catalog = rd.ctx.catalog();
        Optional<Cube> home = home(rd, q).flatMap(catalog::cube);
        if (home.isEmpty()) return Optional.empty();
        Map<String, String> swap = new LinkedHashMap<>();
        for (String name : columns(q)) {
            Optional<Dimension> d = catalog.dimension(name);
            if (d.isEmpty() || d.get().cube().equals(home.get().name()) || swap.containsKey(name)) continue;
            for (Dimension own : home.get().dimensions()) {
                if (own.info().certified() && own.type() == d.get().type() && sameColumn(d.get().name(), own.name())) {
                    swap.put(name, own.fullName());
                    break;
                }
            }
        }
        if (swap.isEmpty()) return Optional.empty();
        List<String> dims = new ArrayList<>();
        for (String d : q.dimensions()) dims.add(swap.getOrDefault(d, d));
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            String to = f.dimension() == null ? null : swap.get(f.dimension());
            filters.add(to == null ? f : new MetricQuery.Filter(to, f.metric(), f.operator(), f.value(), f.values()));
        }
        List<MetricQuery.OrderBy> order = new ArrayList<>();
        for (MetricQuery.OrderBy o : q.orderBy()) order.add(new MetricQuery.OrderBy(swap.getOrDefault(o.field(), o.field()), o.direction()));
        swap.forEach((from, to) -> said.add(home.get().name() + " has no join to " + from.substring(0, from.indexOf('.'))
                + ": read " + from + " as " + to + ", the same column on " + home.get().name() + "'s own rows."));
        return Optional.of(new MetricQuery(q.metrics(), dims, filters, q.segments(), order, q.limit(), q.timezone(),
                q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()));
    }

    /** "I can't combine marketing.total_spend with customers.region: …": the two things, and why. */
    static Optional<PlannerOutcome> refusal(Reading rd, MetricQuery q) {
        Optional<String> home = home(rd, q);
        if (home.isEmpty()) return Optional.empty();
        Set<String> apart = new LinkedHashSet<>();
        Set<String> cubes = new LinkedHashSet<>();
        for (String name : columns(q)) {
            rd.ctx.catalog().dimension(name).filter(d -> !d.cube().equals(home.get())).ifPresent(d -> {
                apart.add(d.fullName());
                cubes.add(d.cube());
            });
        }
        for (String s : q.segments()) {
            rd.ctx.catalog().segment(s).filter(sg -> !sg.cube().equals(home.get())).ifPresent(sg -> {
                apart.add(sg.fullName());
                cubes.add(sg.cube());
            });
        }
        if (apart.isEmpty()) return Optional.empty();
        return Optional.of(new PlannerOutcome.Refused("I can't combine " + String.join(" and ", q.metrics()) + " with "
                + String.join(" and ", apart) + ": the catalog declares no join between " + home.get() + " and "
                + String.join(", ", cubes) + ", and " + home.get() + " has no column of that name. Ask for each on its own."));
    }

    /** The one table all the query's metrics are measured on, if there is one. */
    private static Optional<String> home(Reading rd, MetricQuery q) {
        Set<String> cubes = new LinkedHashSet<>();
        for (String m : q.metrics()) {
            Optional<Member> member = rd.ctx.catalog().metric(m).map(x -> (Member) x).or(() -> rd.ctx.catalog().measure(m).map(x -> (Member) x));
            if (member.isEmpty()) return Optional.empty();
            cubes.addAll(rd.facts.cubesOf(member.get()));
        }
        return cubes.size() == 1 ? Optional.of(cubes.iterator().next()) : Optional.empty();
    }

    /** The columns a query groups and filters by (grains stripped; the shared time column left out). */
    private static List<String> columns(MetricQuery q) {
        List<String> out = new ArrayList<>();
        for (String d : q.dimensions()) if (!d.startsWith("metric_time")) out.add(d);
        for (MetricQuery.Filter f : q.filters()) if (f.dimension() != null && !f.dimension().startsWith("metric_time")) out.add(f.dimension());
        return out;
    }

    /** "channel" and "acquisition_channel": one name is the other, or ends with it as its last word. */
    static boolean sameColumn(String a, String b) {
        return a.equals(b) || a.endsWith("_" + b) || b.endsWith("_" + a);
    }
}
