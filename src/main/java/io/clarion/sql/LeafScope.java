package io.clarion.sql;

import io.clarion.catalog.model.Grain;
import io.clarion.plan.Plan;
import io.clarion.query.AccessRules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * How {PERIOD_*} and the reference date render inside one leaf, whose rows the principal may
 * see, and the alias each cube is written as (its name, except inside row-access subqueries).
 */
record LeafScope(LocalDate asOf, Plan.PeriodBinding period, Grain seriesGrain, AccessRules access,
                 Map<String, String> aliases) {

    static LeafScope of(Plan.Leaf leaf, LocalDate asOf, AccessRules access) {
        return new LeafScope(asOf, leaf.period(), leaf.period().series() ? leaf.period().seriesGrain() : null, access, Map.of());
    }

    String alias(String cube) {
        return aliases.getOrDefault(cube, cube);
    }

    LeafScope withAliases(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(aliases);
        all.putAll(more);
        return new LeafScope(asOf, period, seriesGrain, access, all);
    }
}
