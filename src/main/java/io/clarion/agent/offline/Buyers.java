package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.PhraseBook;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "How many customers bought from us last month?": a table's row count has no period of its own
 * (its rows are not dated by buying), and the revenue a buying verb names is a sum, not a count of
 * buyers. The buyers in the period are the rows whose declared revenue in it is above zero, counted
 * (the count_groups analysis over the table's key), said as an assumption. Without a declared
 * revenue reaching that table, or a period, the reading stays as it was.
 */
final class Buyers {
    private static final Set<String> BUYING = PhraseBook.words("buying");

    private Buyers() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p) || rd.range == null || !p.query().analysis().isEmpty()) return o;
        if (rd.tokens.stream().noneMatch(t -> BUYING.contains(t.raw()))) return o;
        Catalog catalog = rd.ctx.catalog();
        Optional<Member> revenue = MoneyVerbs.declaredRevenue(catalog);
        if (revenue.isEmpty()) return o;
        MetricQuery q = p.query();
        // The count asked is a table's plain row count, whoever read the paying verb as revenue beside it.
        Cube counted = null;
        for (String m : q.metrics()) {
            Optional<Measure> count = catalog.measure(m).filter(x -> x.type() == MeasureType.COUNT && x.filters().isEmpty());
            if (count.isPresent()) counted = catalog.cube(count.get().cube()).orElse(null);
            else if (!m.equals(revenue.get().fullName())) return o;
        }
        if (counted == null || !q.dimensions().isEmpty() || !CountedGroups.countAsked(rd, CountedGroups.names(counted))) return o;
        Optional<Dimension> key = counted.primaryKey();
        if (key.isEmpty()) return o;
        String money = revenue.get().fullName();
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) if (f.metric() == null && !"metric_time".equals(f.dimension())) filters.add(f);
        filters.add(new MetricQuery.Filter("metric_time", null, "in_date_range", JsonNodeFactory.instance.textNode(rd.range), null));
        filters.add(new MetricQuery.Filter(null, money, "gt", JsonNodeFactory.instance.numberNode(0), null));
        MetricQuery buyers = new MetricQuery(List.of(money), List.of(key.get().fullName()), filters, q.segments(), List.of(), null,
                q.timezone(), null, List.of(new MetricQuery.Analysis("count_groups", null, null, null, null, null)), q.joinPaths(),
                q.certifiedOnly());
        try {
            rd.ctx.queries().compile(buyers, new QueryService.Options(true));
        } catch (QueryException e) {
            return o;
        }
        List<String> a = new ArrayList<>();
        for (String s : p.assumptions()) if (!s.contains("was not applied")) a.add(s);
        a.add("Counted the " + counted.name() + " with " + money + " above 0 in \"" + rd.range + "\": buying in the period is read as"
                + " revenue in it.");
        return new PlannerOutcome.Planned(buyers, a, p.basis());
    }
}
