package io.clarion.model;

import static io.clarion.engine.PopulationReads.column;
import static io.clarion.engine.PopulationReads.readAll;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model's features and labels as certified metric queries, each run as of a reference
 * date: the catalog's own as-of semantics keep every window ending on that date, so the same
 * definitions feed the model, the briefing evidence and the chat. Nothing here writes SQL.
 */
public final class FeatureBuilder {
    private final QueryService queries;

    public FeatureBuilder(QueryService queries) {
        this.queries = queries;
    }

    /** Every account in scope as of {@code asOf} with its features (no labels). */
    public FeatureFrame asOf(ModelSpec spec, LocalDate asOf) {
        QueryService q = queries.withReferenceDate(asOf);
        // The population and every feature query are independent reads: side by side, results in order.
        List<java.util.function.Supplier<QueryResult>> reads = new ArrayList<>();
        reads.add(() -> readAll(q, spec.population(), "population"));
        for (ModelSpec.FeatureQuery fq : spec.queries()) reads.add(() -> readAll(q, fq.query(), "features " + fq.features().get(0).name()));
        List<QueryResult> results = io.clarion.engine.SideBySide.run(reads, "features");
        QueryResult pop = results.get(0);
        int key = column(pop, spec.keyColumn(), "population");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (List<Object> row : pop.rows()) {
            Object id = row.get(key);
            if (id != null) index.putIfAbsent(id.toString(), index.size());
        }
        List<ModelSpec.Feature> features = spec.features();
        double[][] x = new double[index.size()][features.size()];
        int f0 = 0;
        for (int k = 0; k < spec.queries().size(); k++) {
            ModelSpec.FeatureQuery fq = spec.queries().get(k);
            QueryResult r = results.get(k + 1);
            List<ModelSpec.Feature> fs = fq.features();
            int[] col = new int[fs.size()];
            int[] base = new int[fs.size()];
            for (int j = 0; j < fs.size(); j++) {
                col[j] = column(r, fs.get(j).column(), "feature " + fs.get(j).name());
                base[j] = fs.get(j).changeFrom() == null ? -1 : column(r, fs.get(j).changeFrom(), "feature " + fs.get(j).name());
            }
            boolean[] seen = new boolean[index.size()];
            for (List<Object> row : r.rows()) {
                Object id = row.get(0);
                Integer i = id == null ? null : index.get(id.toString());
                // A query grouped finer than the account keeps its first row per account.
                if (i == null || seen[i]) continue;
                seen[i] = true;
                for (int j = 0; j < fs.size(); j++) x[i][f0 + j] = value(fs.get(j), row.get(col[j]), base[j] < 0 ? null : row.get(base[j]));
            }
            for (int i = 0; i < seen.length; i++) {
                if (seen[i]) continue;
                for (int j = 0; j < fs.size(); j++) {
                    Double m = fs.get(j).missing();
                    x[i][f0 + j] = m == null ? Double.NaN : m;
                }
            }
            f0 += fs.size();
        }
        return new FeatureFrame(asOf, new ArrayList<>(index.keySet()), spec.featureNames(), x, null);
    }

    /** The frame with its labels: churned within the horizon after its date, or the positive outcome. */
    public FeatureFrame labelled(ModelSpec spec, FeatureFrame frame) {
        Set<String> positive = positives(spec, frame.asOf());
        int[] y = new int[frame.size()];
        for (int i = 0; i < y.length; i++) y[i] = positive.contains(frame.ids().get(i)) ? 1 : 0;
        return frame.withLabels(y);
    }

    /** Accounts whose label is positive as of {@code asOf}. */
    public Set<String> positives(ModelSpec spec, LocalDate asOf) {
        ModelSpec.Label label = spec.label();
        Set<String> out = new HashSet<>();
        if (label.dated()) {
            // The outcome is read after the fact, at the data set's own date: it is the answer, never an input.
            var f = new MetricQuery.Filter(label.churnDate(), null, "between", null, List.of(
                    JsonNodeFactory.instance.textNode(asOf.plusDays(1).toString()),
                    JsonNodeFactory.instance.textNode(asOf.plusDays(spec.horizonDays()).toString())));
            MetricQuery lq = label.query();
            List<MetricQuery.Filter> filters = new ArrayList<>(lq.filters());
            filters.add(f);
            MetricQuery q = new MetricQuery(lq.metrics(), lq.dimensions(), filters, lq.segments(), null, null, null, null, null, null, null);
            for (List<Object> row : readAll(queries, q, "label").rows()) {
                if (row.get(0) != null) out.add(row.get(0).toString());
            }
        } else {
            QueryResult r = readAll(queries.withReferenceDate(asOf), label.query(), "label");
            int c = column(r, label.outcome(), "label");
            for (List<Object> row : r.rows()) {
                if (row.get(0) != null && row.get(c) != null && row.get(c).toString().equals(label.positive())) out.add(row.get(0).toString());
            }
        }
        return out;
    }

    static double value(ModelSpec.Feature f, Object v, Object base) {
        if (f.equals() != null) return v != null && v.toString().equals(f.equals()) ? 1 : 0;
        Double d = number(v);
        if (f.changeFrom() == null) return d == null ? Double.NaN : d;
        Double b = number(base);
        if (d == null || b == null || b == 0) return Double.NaN;
        return d / b - 1;
    }

    static Double number(Object v) {
        if (v == null) return null;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        try {
            return new BigDecimal(v.toString()).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Each account's feature values, for comparing two frames whatever their row order. */
    public static Map<String, double[]> byId(FeatureFrame f) {
        Map<String, double[]> out = new HashMap<>();
        for (int i = 0; i < f.size(); i++) out.put(f.ids().get(i), Arrays.copyOf(f.values()[i], f.values()[i].length));
        return out;
    }
}
