package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "churned customers and their owners", "enterprise customers with their plan": a noun after
 * "their" names a column shown beside the rows listed, never a figure of its own, and never the
 * dimension a value in the question belongs to (the value then filters another column: the
 * segment, not the plan shown).
 */
final class ShownColumns {
    private static final Set<String> POSSESSIVES = Set.of("their", "its");

    private ShownColumns() {
    }

    static boolean shown(Reading rd, Mention m) {
        return m.first() > 0 && POSSESSIVES.contains(rd.tokens.get(m.first() - 1).raw());
    }

    /** A mention after "their" placed as a column of the listed rows; false when it is not one or names no column. */
    static boolean place(Reading rd, CatalogFacts facts, Mention m, List<Slot> columns) {
        if (!shown(rd, m)) return false;
        List<Member> order = facts.orderForGroup(m.targets()).stream().filter(x -> x instanceof Dimension).toList();
        // "and their owners": rows of another table are shown by their name.
        if (order.isEmpty()) order = facts.entityDimensions(m).stream().limit(1).map(d -> (Member) d).toList();
        // A date shown is placed as the period's date, by day, where the listing reads dates.
        if (order.isEmpty() || ((Dimension) order.get(0)).type() == io.clarion.catalog.model.DimensionType.TIME) return false;
        columns.add(new Slot(m, order, null));
        return true;
    }

    /** The value a mention names, its dimension chosen as {@link CatalogFacts#valueNamedElsewhere} does, but not one only shown. */
    static Optional<ValueTarget> value(Reading rd, CatalogFacts facts, List<Target> ts, Mention m, List<Mention> mentions) {
        List<Mention> named = mentions.stream().filter(o -> !shown(rd, o)).toList();
        Optional<ValueTarget> v = facts.valueNamedElsewhere(ts, m, named);
        if (v.isEmpty() || mentions.stream().noneMatch(o -> shown(rd, o) && o.targets().contains(new MemberTarget(v.get().dimension())))) {
            return v;
        }
        Dimension shownDim = v.get().dimension();
        return ts.stream().filter(t -> t instanceof ValueTarget x && !x.dimension().equals(shownDim)).map(t -> (ValueTarget) t)
                .findFirst().or(() -> v);
    }
}
