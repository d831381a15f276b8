package io.clarion.model;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Scores accounts with a trained model: calibrated probabilities and each account's top drivers in words. */
public final class Scorer {
    private final TrainedModel model;

    public Scorer(TrainedModel model) {
        this.model = model;
    }

    /** A driver: a feature that pushed this account's risk up, in words, and by how much (log-odds). */
    public record Driver(String feature, String words, double contribution) {
    }

    /** @param drivers the top features raising this account's risk, strongest first */
    public record Score(String id, double probability, List<Driver> drivers) {
        public Score {
            drivers = List.copyOf(drivers);
        }
    }

    public List<Score> score(FeatureFrame frame, int topDrivers) {
        return score(frame, topDrivers, Double.NEGATIVE_INFINITY);
    }

    /**
     * As {@link #score(FeatureFrame, int)}, drivers only for accounts whose probability reaches
     * {@code driversFrom} (others get none): a briefing words drivers only for the accounts it
     * flags, and the contributions are most of the scoring time (seconds for 100,000 accounts).
     */
    public List<Score> score(FeatureFrame frame, int topDrivers, double driversFrom) {
        if (!frame.features().equals(model.featureNames())) {
            throw new IllegalArgumentException("the features " + frame.features() + " are not the model's " + model.featureNames());
        }
        List<Score> out = new ArrayList<>();
        if (frame.size() == 0) return out;
        try {
            Booster b = XGBoost.loadModel(model.booster());
            try {
                float[][] margin = predict(b, frame.values());
                double[] p = new double[frame.size()];
                List<Integer> explained = new ArrayList<>();
                for (int i = 0; i < frame.size(); i++) {
                    p[i] = Metrics.sigmoid(model.plattA(), model.plattB(), margin[i][0]);
                    if (p[i] >= driversFrom) explained.add(i);
                }
                double[][] rows = new double[explained.size()][];
                for (int k = 0; k < rows.length; k++) rows[k] = frame.values()[explained.get(k)];
                float[][] contrib = contributions(b, rows);
                List<List<Driver>> drivers = new ArrayList<>(java.util.Collections.nCopies(frame.size(), List.<Driver>of()));
                for (int k = 0; k < rows.length; k++) drivers.set(explained.get(k), drivers(rows[k], contrib[k], topDrivers));
                for (int i = 0; i < frame.size(); i++) out.add(new Score(frame.ids().get(i), p[i], drivers.get(i)));
            } finally {
                b.dispose();
            }
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("scoring with " + model.describe() + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static float[][] predict(Booster b, double[][] x) throws XGBoostError {
        DMatrix m = ChurnTrainer.matrix(x, null);
        try {
            return b.predict(m, true);
        } finally {
            m.dispose();
        }
    }

    private static float[][] contributions(Booster b, double[][] x) throws XGBoostError {
        if (x.length == 0) return new float[0][];
        DMatrix m = ChurnTrainer.matrix(x, null);
        try {
            return b.predictContrib(m, 0);
        } finally {
            m.dispose();
        }
    }

    private List<Driver> drivers(double[] x, float[] contrib, int top) {
        List<Driver> all = new ArrayList<>();
        for (int j = 0; j < model.features().size(); j++) {
            if (contrib[j] <= 0) continue;
            ModelSpec.Feature f = model.features().get(j);
            double c = contrib[j];
            words(f, x[j]).ifPresent(w -> all.add(new Driver(f.name(), w, c)));
        }
        all.sort(Comparator.comparingDouble(Driver::contribution).reversed());
        return all.subList(0, Math.min(top, all.size()));
    }

    /** The feature's words with its value written in; none for a category the account is not in, or an unknown value a text needs. */
    static java.util.Optional<String> words(ModelSpec.Feature f, double v) {
        String w = f.words() == null ? f.name().replace('_', ' ') + " {value}" : f.words();
        if (f.equals() != null) return v == 1 ? java.util.Optional.of(w.replace("{value}", f.equals())) : java.util.Optional.empty();
        if (Double.isNaN(v)) return w.contains("{") ? java.util.Optional.empty() : java.util.Optional.of(w);
        return java.util.Optional.of(w.replace("{change}", change(v)).replace("{value}", number(v)));
    }

    static String change(double v) {
        long pct = Math.round(Math.abs(v) * 100);
        if (pct == 0) return "unchanged";
        return (v < 0 ? "down " : "up ") + pct + "%";
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
