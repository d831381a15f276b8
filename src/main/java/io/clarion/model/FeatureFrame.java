package io.clarion.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The model's inputs for every account in scope as of one date: {@code values[i][j]} is feature
 * {@code j} of account {@code ids[i]} (NaN: unknown), and {@code labels} when the outcome is known.
 *
 * @param labels 1 when the account churned within the horizon (or has the positive outcome), else 0; null when not read
 */
public record FeatureFrame(LocalDate asOf, List<String> ids, List<String> features, double[][] values, int[] labels) {
    public FeatureFrame {
        ids = List.copyOf(ids);
        features = List.copyOf(features);
        if (values.length != ids.size()) throw new IllegalArgumentException(values.length + " rows for " + ids.size() + " accounts");
    }

    public int size() {
        return ids.size();
    }

    public FeatureFrame withLabels(int[] y) {
        return new FeatureFrame(asOf, ids, features, values, y);
    }
}
