package io.clarion.engine;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Join;
import io.clarion.plan.Plan;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.warehouse.check.KeyUniqueness;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plan that counts each base row once through its primary key (across a one-to-many join) is
 * run only when that key is proven unique in the warehouse; otherwise it is refused with the
 * figures. Validate and the server's start check keys too, but a command-line query runs without
 * that check, a large table is checked there on a sample only, and data changes: a wrong count
 * here would be silent. A key proven once stays proven for this engine (the proof is shared by
 * every copy of the query service); a key not proven is checked again at its next use, so a
 * fixed table answers without a restart.
 */
final class KeyProofs {
    private final DataSource dataSource;
    private final Duration timeout;
    private final Set<String> proven = ConcurrentHashMap.newKeySet();

    KeyProofs(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    /** @throws QueryException (fan_out) when a leaf relies on a key that is not unique */
    void require(Catalog catalog, Plan plan) {
        for (Plan.Leaf leaf : plan.leaves()) {
            if (leaf.strategy() != Plan.Strategy.DISTINCT_KEYS) continue;
            Cube base = leaf.base();
            String id = base.source().source() + "|" + base.primaryKey().orElseThrow().sql().source();
            if (proven.contains(id)) continue;
            Optional<String> problem = KeyUniqueness.problem(catalog, base, dataSource, timeout);
            if (problem.isEmpty()) {
                proven.add(id);
                continue;
            }
            String many = leaf.joins().stream().filter(j -> j.relationship().fansOut()).map(Join::to).findFirst().orElse("a joined cube");
            String read = String.join(", ", leaf.measures().stream().map(m -> m.measure().fullName()).distinct().toList());
            throw new QueryException(QueryCode.FAN_OUT.at("dimensions", "grouping " + read + " by a cube joined one-to-many (" + many
                    + ") counts each " + base.name() + " row once through its primary key, and " + problem.get()
                    + ": rows sharing a key would be counted under each other's groups. Declare a unique column as primary_key"
                    + " (clarion validate checks it), or group by dimensions reached many-to-one"));
        }
    }
}
