package io.clarion.sql;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Join;
import io.clarion.plan.Plan.Leaf;
import io.clarion.query.AccessRules;
import io.clarion.query.DateRange;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A leaf's FROM: the period spine, the base cube and its joins, each cube's source narrowed to
 * the rows the caller may see. Row access is asked of {@link AccessRules} only; how a policy is
 * declared stays in governance.
 */
final class Sources {
    private final Catalog catalog;
    private final Dialect d;
    private final Templates templates;

    Sources(Catalog catalog, Dialect dialect, Templates templates) {
        this.catalog = catalog;
        this.d = dialect;
        this.templates = templates;
    }

    Sql from(Leaf leaf, LeafScope scope) {
        Sql.Builder o = Sql.builder();
        if (scope.seriesGrain() != null) {
            DateRange r = leaf.period().seriesRange();
            o.add(d.periodSeries(scope.seriesGrain(), Templates.PERIOD_ALIAS, Templates.PERIOD_COLUMN, r.start(),
                    DateRange.truncate(r.end().minusDays(1), scope.seriesGrain())));
            o.add(" CROSS JOIN ");
        }
        o.add(source(leaf.base(), scope));
        for (Join j : leaf.joins()) {
            Cube to = catalog.cube(j.to()).orElseThrow();
            o.add("\n  LEFT JOIN ").add(source(to, scope)).add(" ON ").add(templates.render(j.sql(), j.from(), scope));
        }
        return o.build();
    }

    /** The cube as a FROM item named after it. */
    Sql source(Cube cube, LeafScope scope) {
        AccessRules.RowRule rule = scope.access().rows(cube.name());
        String as = " AS " + d.quote(scope.alias(cube.name()));
        if (rule instanceof AccessRules.AllRows) return rawSource(cube, scope).append(as);
        // Only the rows the principal may see ever enter the query, whatever joins or measures follow.
        return Sql.concat(rawSource(cube, scope).wrap("(SELECT * FROM ", as + " WHERE "),
                rowCondition(cube.name(), rule, scope).append(")" + as));
    }

    private Sql rawSource(Cube cube, LeafScope scope) {
        if (cube.sourceIsTable()) {
            String table = cube.source().source().strip();
            return Sql.of(String.join(".", Arrays.stream(table.split("\\.")).map(d::quote).toList()));
        }
        return templates.render(cube.source(), cube.name(), scope).parenthesize();
    }

    /** The visibility condition of a row of {@code cube}, written as {@code scope.alias(cube)}. */
    private Sql rowCondition(String cube, AccessRules.RowRule rule, LeafScope scope) {
        if (rule instanceof AccessRules.NoRows) return Sql.of("FALSE");
        if (rule instanceof AccessRules.Filtered f) {
            return Sql.join(" AND ", f.filters().stream().map(t -> templates.render(t, cube, scope).parenthesize()).toList());
        }
        if (rule instanceof AccessRules.Through t) {
            // EXISTS a visible row at the end of the many-to-one path: the row belongs to it.
            Map<String, String> aliases = new HashMap<>();
            List<Join> path = t.path();
            for (int i = 0; i < path.size(); i++) aliases.put(path.get(i).to(), "__rls" + i + "_" + path.get(i).to());
            LeafScope inner = scope.withAliases(aliases);
            Sql.Builder o = Sql.builder().add("EXISTS (SELECT 1 FROM ");
            for (int i = 0; i < path.size(); i++) {
                Cube to = catalog.cube(path.get(i).to()).orElseThrow();
                if (i > 0) o.add(" JOIN ");
                o.add(rawSource(to, scope)).add(" AS " + d.quote(inner.alias(to.name())));
                if (i > 0) o.add(" ON ").add(templates.render(path.get(i).sql(), path.get(i).from(), inner));
            }
            o.add(" WHERE ").add(templates.render(path.get(0).sql(), path.get(0).from(), inner));
            o.add(" AND ").add(rowCondition(t.target(), scope.access().rows(t.target()), inner));
            return o.add(")").build();
        }
        return Sql.of("TRUE");
    }
}
