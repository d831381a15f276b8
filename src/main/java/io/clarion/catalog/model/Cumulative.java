package io.clarion.catalog.model;

/**
 * A cumulative metric's window (MetricFlow's {@code window} / {@code grain_to_date}): each
 * period's value aggregates the measure's rows from the window's start to the period's end.
 * A trailing window ({@code count} {@code unit}s back from the end), a grain-to-date window
 * (from the start of the {@code toDate} grain the period's last day is in), or, with neither,
 * everything up to the period's end (a running total).
 */
public record Cumulative(int count, Grain unit, Grain toDate) {
    public static final Cumulative ALL_TIME = new Cumulative(0, null, null);

    public boolean trailing() {
        return unit != null;
    }

    /** How a catalog author wrote it: "28 days", "year to date", "all time". */
    public String describe() {
        if (unit != null) return count + " " + unit.key() + (count == 1 ? "" : "s");
        if (toDate != null) return toDate.key() + " to date";
        return "all time";
    }
}
