package io.clarion.api;

import io.clarion.catalog.model.Join;
import io.clarion.plan.Plan;
import io.clarion.query.ResolvedQuery;

import java.util.LinkedHashMap;
import java.util.Map;

/** Readable summaries of the resolved query and the plan, for explain. */
final class Explain {
    private Explain() {
    }

    static Map<String, Object> resolved(ResolvedQuery q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metrics", q.outputs().stream().map(o -> o instanceof ResolvedQuery.MeasureOutput x
                ? Map.of("name", o.name(), "kind", "measure", "type", x.measure().type().name().toLowerCase())
                : Map.of("name", o.name(), "kind", "metric", "type",
                ((ResolvedQuery.MetricOutput) o).metric().type().name().toLowerCase())).toList());
        m.put("dimensions", q.dimensions().stream().map(ResolvedQuery.DimRef::name).toList());
        m.put("filters", q.filters().stream().map(f -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("dimension", f.target().name());
            x.put("operator", f.operator().key());
            if (f.bounds() != null) {
                x.put("from", String.valueOf(f.bounds().from()));
                x.put("until_exclusive", String.valueOf(f.bounds().until()));
            } else {
                x.put("values", f.values().stream().map(String::valueOf).toList());
            }
            return x;
        }).toList());
        m.put("metric_time", q.metricTime() == null ? null
                : Map.of("from", String.valueOf(q.metricTime().from()), "until_exclusive", String.valueOf(q.metricTime().until())));
        m.put("period", Map.of("start", q.period().start().toString(), "end_exclusive", q.period().end().toString()));
        m.put("reference_date", q.referenceDate().toString());
        m.put("order", q.order().stream().map(o -> o.field() + (o.descending() ? " desc" : " asc")).toList());
        m.put("limit", q.limit());
        return m;
    }

    static Map<String, Object> plan(Plan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leaves", p.leaves().stream().map(l -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("alias", l.alias());
            x.put("cube", l.base().name());
            x.put("strategy", l.strategy().name().toLowerCase());
            x.put("joins", l.joins().stream().map(Explain::join).toList());
            x.put("measures", l.measures().stream().map(lm -> lm.measure().fullName()).toList());
            x.put("time_dimension", l.timeDimension() == null ? null : l.timeDimension().fullName());
            x.put("shifted", l.shifted());
            return x;
        }).toList());
        m.put("columns", p.columns().stream().map(c -> c.name() + " (" + c.kind().name().toLowerCase() + ")").toList());
        return m;
    }

    private static String join(Join j) {
        return j.from() + " -> " + j.to() + " (" + j.relationship().name().toLowerCase() + ")";
    }

}
