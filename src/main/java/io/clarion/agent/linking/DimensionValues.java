package io.clarion.agent.linking;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of low-cardinality string dimensions ("enterprise", "EMEA", "billing"), read from
 * the warehouse through ordinary metric queries, so the planner knows "enterprise customers" is
 * a filter on segment. Identifiers, names and PII are never read.
 */
public final class DimensionValues {
    private static final Logger LOG = Logger.getLogger(DimensionValues.class);
    static final int MAX_VALUES = 50;

    private DimensionValues() {
    }

    public static Map<Dimension, List<String>> load(QueryService queries) {
        Map<Dimension, List<String>> out = new LinkedHashMap<>();
        Catalog catalog = queries.catalog();
        for (Cube cube : catalog.cubes().values()) {
            for (Dimension d : cube.dimensions()) {
                if (!candidate(d)) continue;
                try {
                    MetricQuery q = new MetricQuery(List.of(), List.of(d.fullName()), null, null, null, MAX_VALUES,
                            null, null, null, null, null);
                    QueryResult r = queries.run(q, new QueryService.Options(true)).result();
                    if (r.truncated()) continue;
                    List<String> vs = new ArrayList<>();
                    for (List<Object> row : r.rows()) {
                        Object v = row.get(0);
                        if (v != null && v.toString().length() <= 40) vs.add(v.toString());
                    }
                    out.put(d, vs);
                } catch (RuntimeException e) {
                    LOG.debugf("values of %s not read: %s", d.fullName(), e.getMessage());
                }
            }
        }
        return out;
    }

    static boolean candidate(Dimension d) {
        return d.type() == DimensionType.STRING && d.info().certified() && !d.info().pii() && !d.primaryKey()
                && !d.name().endsWith("_id")
                && !d.name().contains("email") && !d.name().contains("phone") && !d.name().contains("domain");
    }
}
