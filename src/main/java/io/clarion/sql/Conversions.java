package io.clarion.sql;

import io.clarion.catalog.model.Conversion;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.plan.Plan.LeafMeasure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A conversion metric's condition on a base row: its entity has a row of the conversion
 * measure (that measure's filters say which rows count) at or after the base row's time and
 * before the window ends. An EXISTS, so a base row converts once however many conversion rows
 * follow it, and the conversion cube is read through the caller's row access like any source.
 */
final class Conversions {
    static final String ALIAS = "__conversion";

    private final Dialect d;
    private final Templates templates;
    private final Sources sources;
    private final Filters filters;

    Conversions(Dialect dialect, Templates templates, Sources sources, Filters filters) {
        this.d = dialect;
        this.templates = templates;
        this.sources = sources;
        this.filters = filters;
    }

    /** The EXISTS condition of a conversion measure column, or null for any other column. */
    Sql condition(LeafMeasure lm, LeafScope scope) {
        Conversion c = lm.conversion();
        if (c == null) return null;
        Measure base = lm.measure();
        Measure conv = templates.catalog().measure(c.conversionMeasure()).orElseThrow();
        Cube baseCube = templates.catalog().cube(base.cube()).orElseThrow();
        Cube convCube = templates.catalog().cube(conv.cube()).orElseThrow();
        LeafScope inner = scope.withAliases(Map.of(convCube.name(), ALIAS));
        Sql baseTime = column(baseCube, base.timeDimension(), scope);
        Sql convTime = column(convCube, conv.timeDimension(), inner);
        List<Sql> conds = new ArrayList<>();
        conds.add(Sql.concat(column(convCube, c.conversionEntity(), inner), Sql.of(" = "), column(baseCube, c.baseEntity(), scope)));
        conds.add(Sql.concat(convTime, Sql.of(" >= "), baseTime));
        conds.add(Sql.concat(convTime, Sql.of(" < "), baseTime, Sql.of(" + " + d.interval(c.windowUnit(), c.windowCount()))));
        if (!conv.filters().isEmpty()) conds.add(filters.all(conv.filters(), conv.cube(), inner));
        return Sql.concat(sources.source(convCube, inner).wrap("EXISTS (SELECT 1 FROM ", " WHERE "),
                Sql.join(" AND ", conds), Sql.of(")"));
    }

    private Sql column(Cube cube, String dimension, LeafScope scope) {
        Dimension dim = cube.dimension(dimension).orElseThrow();
        return templates.render(dim.sql(), cube.name(), scope);
    }
}
