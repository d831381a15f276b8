package io.clarion.sql;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.SqlTemplate;

import java.util.HashSet;
import java.util.Set;

/** The catalog's SQL templates as fragments: columns quoted, references inlined, parameters bound. */
final class Templates {
    static final String PERIOD_ALIAS = "__period";
    static final String PERIOD_COLUMN = "period_start";

    private final Catalog catalog;
    private final Dialect d;

    Templates(Catalog catalog, Dialect dialect) {
        this.catalog = catalog;
        this.d = dialect;
    }

    Catalog catalog() {
        return catalog;
    }

    /** {@code t}, whose unqualified member references belong to cube {@code owner}. */
    Sql render(SqlTemplate t, String owner, LeafScope scope) {
        return render(t, owner, scope, new HashSet<>());
    }

    private Sql render(SqlTemplate t, String owner, LeafScope scope, Set<String> inlining) {
        Sql.Builder o = Sql.builder();
        for (SqlTemplate.Part p : t.parts()) {
            if (p instanceof SqlTemplate.Text x) {
                o.add(x.sql());
            } else if (p instanceof SqlTemplate.Column c) {
                o.add(d.quote(scope.alias(c.cube())) + "." + d.quote(c.column()));
            } else if (p instanceof SqlTemplate.CubeRef c) {
                o.add(d.quote(scope.alias(c.cube())));
            } else if (p instanceof SqlTemplate.Attribute a) {
                String value = scope.access().attribute(a.name()).orElse(null);
                // AccessRules refuses a principal without the attribute; never let NULL widen the filter.
                if (value == null) throw new IllegalStateException("principal has no " + a.name());
                o.add(Sql.bind(value));
            } else if (p instanceof SqlTemplate.MemberRef m) {
                String cube = m.cube() == null ? owner : m.cube();
                Dimension dim = catalog.dimension(cube + "." + m.member()).orElseThrow(() ->
                        new IllegalStateException("unresolved reference " + cube + "." + m.member()));
                if (!inlining.add(dim.fullName())) throw new IllegalStateException("reference cycle at " + dim.fullName());
                o.add(render(dim.sql(), dim.cube(), scope, inlining).parenthesize());
                inlining.remove(dim.fullName());
            } else if (p instanceof SqlTemplate.Param param) {
                o.add(switch (param.name()) {
                    case AS_OF -> d.date(scope.asOf());
                    case PERIOD_START -> scope.seriesGrain() != null ? periodStart() : d.date(scope.period().fixed().start());
                    case PERIOD_END -> scope.seriesGrain() != null ? periodEnd(scope.seriesGrain()) : d.date(scope.period().fixed().end());
                });
            }
        }
        return o.build();
    }

    /** The start of the current row's period on a period spine. */
    Sql periodStart() {
        return Sql.of("CAST(" + d.quote(PERIOD_ALIAS) + "." + d.quote(PERIOD_COLUMN) + " AS date)");
    }

    Sql periodEnd(Grain g) {
        return d.addGrains(Sql.of(d.quote(PERIOD_ALIAS) + "." + d.quote(PERIOD_COLUMN)), g, 1);
    }
}
