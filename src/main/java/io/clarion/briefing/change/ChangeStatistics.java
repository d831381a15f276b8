package io.clarion.briefing.change;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics behind "unusual" and "trend changed", on a metric's own period-over-period
 * changes. Pure functions, so they are tested on small synthetic series.
 */
public final class ChangeStatistics {
    /** Fewer earlier changes than this give no meaningful spread. */
    public static final int MIN_EARLIER_CHANGES = 3;

    private ChangeStatistics() {
    }

    /** Consecutive differences of a series; a pair with a missing value gives no change. */
    public static List<Double> changes(List<Double> values) {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < values.size(); i++) {
            Double a = values.get(i - 1);
            Double b = values.get(i);
            if (a != null && b != null) out.add(b - a);
        }
        return out;
    }

    /**
     * Whether {@code last} lies outside mean ± z × sample standard deviation of {@code earlier}.
     * A change exactly on the band's edge is usual. With a zero spread any other change is unusual.
     */
    public static Unusual unusual(List<Double> earlier, Double last, double z) {
        if (earlier.size() < MIN_EARLIER_CHANGES || last == null) {
            return new Unusual(Unusual.Verdict.NOT_ENOUGH_HISTORY, earlier.size(), null, null, null, null);
        }
        double mean = mean(earlier);
        double sd = sampleStdev(earlier, mean);
        double low = mean - z * sd;
        double high = mean + z * sd;
        boolean outside = last < low || last > high;
        return new Unusual(outside ? Unusual.Verdict.UNUSUAL : Unusual.Verdict.USUAL, earlier.size(), mean, sd, low, high);
    }

    /** The direction of the last change against the direction of the mean earlier change. */
    public static Trend trend(List<Double> earlier, Double last) {
        Direction now = last == null ? null : Direction.of(last);
        if (earlier.size() < MIN_EARLIER_CHANGES) return new Trend(null, now, false, "not enough history");
        Direction before = Direction.of(mean(earlier));
        boolean reversed = now != null && now != Direction.FLAT && before != Direction.FLAT && now != before;
        String note = reversed ? "was " + verb(before) + ", now " + verb(now) : null;
        return new Trend(before, now, reversed, note);
    }

    static String verb(Direction d) {
        return switch (d) {
            case UP -> "rising";
            case DOWN -> "falling";
            case FLAT -> "flat";
        };
    }

    public static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s / xs.size();
    }

    /** Sample standard deviation (n − 1): the history is a sample of the metric's variation. */
    public static double sampleStdev(List<Double> xs, double mean) {
        if (xs.size() < 2) return 0;
        double ss = 0;
        for (double x : xs) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (xs.size() - 1));
    }
}
