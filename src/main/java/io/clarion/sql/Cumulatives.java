package io.clarion.sql;

import io.clarion.catalog.model.Cumulative;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafDim;
import io.clarion.plan.Plan.Spine;

/**
 * A cumulative leaf's periods joined to the rows of each period's window: a period series
 * (start {@code p}, end {@code e}), and a row belongs to every period whose window holds its
 * time, so a distinct count over a trailing window counts each user once per window and rows
 * from before the visible range feed the first windows. An open range takes the data's first
 * and last time for its ends.
 */
final class Cumulatives {
    static final String ALIAS = "__window";

    private final Dialect d;
    private final Templates templates;
    private final Sources sources;

    Cumulatives(Dialect dialect, Templates templates, Sources sources) {
        this.d = dialect;
        this.templates = templates;
        this.sources = sources;
    }

    /** "JOIN (periods) ON time in the period's window", or nothing for other leaves. */
    Sql join(Leaf leaf, LeafScope scope) {
        Spine spine = leaf.spine();
        if (spine == null) return Sql.EMPTY;
        Grain g = spine.grain();
        Dimension t = leaf.timeDimension();
        Sql time = templates.render(t.sql(), t.cube(), scope);
        String s = d.quote("__s");
        String p = d.quote("p");
        Sql start = spine.from() != null ? d.date(spine.from()) : d.dateTrunc(g, dataEdge("min", leaf, scope));
        Sql last = spine.until() != null ? d.date(spine.until().minusDays(1)) : dataEdge("max", leaf, scope);
        Sql next = d.addGrains(Sql.of(s + "." + p), g, 1);
        Sql end = spine.until() == null ? next : Sql.concat(next.wrap("least(", ", "), d.date(spine.until()), Sql.of(")"));
        Sql periods = Sql.concat(Sql.of("(SELECT CAST(" + s + "." + p + " AS date) AS p, "), end,
                Sql.of(" AS e FROM "), d.periodSeries(g, "__s", "p", start, d.dateTrunc(g, last)), Sql.of(")"));
        Sql e = Sql.of(d.quote(ALIAS) + ".e");
        Sql.Builder on = Sql.builder().add(time).add(" < ").add(e);
        Sql windowStart = windowStart(spine.window(), e);
        if (windowStart != null) on.add(" AND ").add(time).add(" >= ").add(windowStart);
        return Sql.concat(periods.wrap("\n  JOIN ", " AS " + d.quote(ALIAS) + " ON "), on.build());
    }

    /** The period label of a cumulative leaf's time column; null when {@code dim} is not one. */
    Sql label(Leaf leaf, LeafDim dim) {
        if (leaf.spine() == null || dim.grain() == null) return null;
        if (!dim.ref().isMetricTime() && !leaf.timeDimension().equals(dim.source())) return null;
        Sql p = Sql.of(d.quote(ALIAS) + ".p");
        return leaf.labelShift() == null ? p : d.addGrains(p, leaf.labelShift().grain(), leaf.labelShift().units());
    }

    private Sql windowStart(Cumulative w, Sql end) {
        if (w.trailing()) return d.addGrains(end, w.unit(), -w.count());
        if (w.toDate() != null) return d.dateTrunc(w.toDate(), d.addGrains(end, Grain.DAY, -1));
        return null;
    }

    /** The first or last time of the leaf's cube that the caller may see, for an open range. */
    private Sql dataEdge(String fn, Leaf leaf, LeafScope scope) {
        Dimension t = leaf.timeDimension();
        return Sql.concat(templates.render(t.sql(), t.cube(), scope).wrap("(SELECT " + fn + "(", ") FROM "),
                sources.source(leaf.base(), scope), Sql.of(")"));
    }
}
