package io.clarion.sql;

import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.NonAdditive;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafDim;
import io.clarion.plan.Plan.LeafFilter;
import io.clarion.query.DateRange;
import io.clarion.query.ResolvedQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows a snapshot (semi-additive) leaf may add up: those at the last (or first) point of its
 * time dimension within each period of the query's grain (the whole window without a grain), per
 * entity when declared. Written as an IN over the same source, with the same row access and time
 * bounds, so "MRR in 2024" is December's balance and "MRR by plan" sums the latest snapshot.
 */
final class Snapshots {
    /** The periods probed for their last point; not the period spine's alias, which a leaf may also have. */
    private static final String PERIODS = "__snapshot_period";
    private static final String PERIOD_COLUMN = "period_start";
    private final Dialect d;
    private final Templates templates;
    private final Sources sources;
    private final Filters filters;

    Snapshots(Dialect dialect, Templates templates, Sources sources, Filters filters) {
        this.d = dialect;
        this.templates = templates;
        this.sources = sources;
        this.filters = filters;
    }

    /** The leaf's WHERE with the snapshot condition added, or the WHERE as it is for other leaves. */
    Sql where(Leaf leaf, LeafScope scope) {
        Sql where = filters.where(leaf, scope);
        if (leaf.measures().isEmpty()) return where;
        NonAdditive rule = leaf.measures().get(0).measure().nonAdditive();
        if (rule == null) return where;
        Sql cond = condition(leaf, rule, scope);
        return where.isEmpty() ? cond.wrap("\n  WHERE ", "") : Sql.concat(where, cond.wrap("\n    AND ", ""));
    }

    private Sql condition(Leaf leaf, NonAdditive rule, LeafScope scope) {
        Dimension t = leaf.base().dimension(rule.dimension()).orElseThrow();
        // Inside the subquery the cube's alias names the subquery's own rows (the nearest FROM wins).
        Sql time = templates.render(t.sql(), t.cube(), scope);
        Sql entity = rule.entity() == null ? null
                : templates.render(leaf.base().dimension(rule.entity()).orElseThrow().sql(), t.cube(), scope);
        Grain grain = leaf.dims().stream().filter(x -> t.equals(x.source()) && x.grain() != null)
                .map(LeafDim::grain).findFirst().orElse(null);
        List<Sql> conds = new ArrayList<>();
        if (t.equals(leaf.timeDimension()) && leaf.timeBounds() != null) {
            ResolvedQuery.TimeBounds b = leaf.timeBounds();
            if (b.from() != null) conds.add(Sql.concat(time.append(" >= "), d.date(b.from())));
            if (b.until() != null) conds.add(Sql.concat(time.append(" < "), d.date(b.until())));
        }
        for (LeafFilter f : leaf.filters()) {
            if (f.filter().target().dimension().equals(t)) conds.add(filters.condition(f, scope));
        }
        ResolvedQuery.TimeBounds bounds = t.equals(leaf.timeDimension()) ? leaf.timeBounds() : null;
        if (entity == null && grain != null && bounds != null && bounds.from() != null && bounds.until() != null) {
            return d.oneOf(time, lastPerPeriod(leaf, rule, scope, time, grain, bounds, conds));
        }
        List<Sql> groups = new ArrayList<>();
        if (entity != null) groups.add(entity);
        if (grain != null) groups.add(d.dateTrunc(grain, time));
        Sql pick = time.wrap(rule.window() == NonAdditive.Window.LAST ? "max(" : "min(", ")");
        Sql.Builder sub = Sql.builder().add("(SELECT ");
        if (entity != null) sub.add(entity).add(", ");
        sub.add(pick).add(" FROM ").add(sources.source(leaf.base(), scope));
        if (!conds.isEmpty()) sub.add(" WHERE ").add(Sql.join(" AND ", conds));
        if (!groups.isEmpty()) sub.add(" GROUP BY ").add(Sql.join(", ", groups));
        sub.add(")");
        Sql left = entity == null ? time : Sql.concat(entity.wrap("(", ", "), time.append(")"));
        return Sql.concat(left.append(" IN "), sub.build());
    }

    /**
     * The last (or first) point of each period of a bounded window, one index probe per period:
     * a max() within a period's bounds reads one end of an index on the time column, where
     * grouping the window's rows by period reads them all a second time. The periods are the
     * grain's steps over the window; a period without rows gives NULL, which matches nothing.
     */
    private Sql lastPerPeriod(Leaf leaf, NonAdditive rule, LeafScope scope, Sql time, Grain grain,
                              ResolvedQuery.TimeBounds bounds, List<Sql> conds) {
        Sql periodStart = Sql.of("CAST(" + d.quote(PERIODS) + "." + d.quote(PERIOD_COLUMN) + " AS date)");
        List<Sql> within = new ArrayList<>(conds);
        within.add(Sql.concat(time.append(" >= "), periodStart));
        within.add(Sql.concat(time.append(" < "), d.addGrains(Sql.of(d.quote(PERIODS) + "." + d.quote(PERIOD_COLUMN)), grain, 1)));
        Sql pick = time.wrap(rule.window() == NonAdditive.Window.LAST ? "max(" : "min(", ")");
        Sql probe = Sql.concat(Sql.of("(SELECT "), pick, Sql.of(" FROM "), sources.source(leaf.base(), scope),
                Sql.of(" WHERE "), Sql.join(" AND ", within), Sql.of(")"));
        return Sql.concat(probe.wrap("SELECT ", " FROM "), d.periodSeries(grain, PERIODS, PERIOD_COLUMN,
                DateRange.truncate(bounds.from(), grain), DateRange.truncate(bounds.until().minusDays(1), grain)));
    }
}
