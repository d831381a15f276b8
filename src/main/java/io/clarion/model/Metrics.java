package io.clarion.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranking and calibration measures of scores against 0/1 labels. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * @param rocAuc  chance a random positive outranks a random negative (ties count half)
     * @param prAuc   average precision: the area under the precision-recall curve
     * @param brier   mean squared error of the probabilities (null for scores that are not probabilities)
     * @param rows    examples measured
     * @param positives positive examples among them
     */
    public record Summary(double rocAuc, double prAuc, Double brier, int rows, int positives) {
        public double baseRate() {
            return rows == 0 ? 0 : (double) positives / rows;
        }
    }

    public static Summary of(double[] scores, int[] labels, boolean probabilities) {
        int pos = (int) Arrays.stream(labels).filter(y -> y == 1).count();
        Double brier = null;
        if (probabilities) {
            double s = 0;
            for (int i = 0; i < scores.length; i++) s += (scores[i] - labels[i]) * (scores[i] - labels[i]);
            brier = scores.length == 0 ? null : s / scores.length;
        }
        return new Summary(rocAuc(scores, labels), prAuc(scores, labels), brier, scores.length, pos);
    }

    public static double rocAuc(double[] scores, int[] labels) {
        Integer[] order = order(scores, false);
        // Mann-Whitney with average ranks for ties.
        double[] rank = new double[scores.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[order[k]] = r;
            i = j + 1;
        }
        long pos = 0;
        double sum = 0;
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] == 1) {
                pos++;
                sum += rank[k];
            }
        }
        long neg = labels.length - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (sum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    /** Average precision, tied scores taken as one step (so a coarse score gets no credit for lucky order). */
    public static double prAuc(double[] scores, int[] labels) {
        Integer[] order = order(scores, true);
        int pos = (int) Arrays.stream(labels).filter(y -> y == 1).count();
        if (pos == 0) return Double.NaN;
        double ap = 0;
        int tp = 0;
        int seen = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            int tpHere = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                tpHere += labels[order[j]];
                j++;
            }
            tp += tpHere;
            seen += j - i;
            ap += (tpHere / (double) pos) * ((double) tp / seen);
            i = j;
        }
        return ap;
    }

    /** Positives among the {@code k} highest scores (ties broken by position, as a list shows them). */
    public static int hitsAtTop(double[] scores, int[] labels, int k) {
        Integer[] order = order(scores, true);
        int hits = 0;
        for (int i = 0; i < Math.min(k, order.length); i++) hits += labels[order[i]];
        return hits;
    }

    static Integer[] order(double[] scores, boolean descending) {
        Comparator<Integer> c = Comparator.comparingDouble(i -> scores[i]);
        return IntStream.range(0, scores.length).boxed().sorted(descending ? c.reversed() : c).toArray(Integer[]::new);
    }

    /**
     * Platt scaling: fits {@code p = 1 / (1 + exp(-(a * margin + b)))} to the labels by Newton's
     * method on the log-loss, with Platt's smoothed targets so a separable set stays finite.
     *
     * @return {a, b}
     */
    public static double[] platt(double[] margins, int[] labels) {
        int pos = (int) Arrays.stream(labels).filter(y -> y == 1).count();
        int neg = labels.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1;
        double b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < margins.length; i++) {
                double t = labels[i] == 1 ? hi : lo;
                double p = 1 / (1 + Math.exp(-(a * margins[i] + b)));
                double d = p - t;
                double w = p * (1 - p);
                ga += d * margins[i];
                gb += d;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) break;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
        }
        return new double[]{a, b};
    }

    public static double sigmoid(double a, double b, double margin) {
        return 1 / (1 + Math.exp(-(a * margin + b)));
    }
}
