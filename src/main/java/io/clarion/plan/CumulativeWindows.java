package io.clarion.plan;

import io.clarion.catalog.model.Cumulative;
import io.clarion.catalog.model.Grain;
import io.clarion.query.DateRange;
import io.clarion.query.ResolvedQuery.TimeBounds;

import java.time.LocalDate;

/**
 * Where a cumulative metric's rows come from. A period's value aggregates the rows of the window
 * that ends where the period ends: {@code [end - 28 days, end)}, {@code [start of end's year, end)}
 * or everything before {@code end}. Without a metric_time grain the one period is the query's
 * range (today when none is given) and its value is the one at the range's end, so "revenue
 * trailing 12 months in 2024" is the twelve months to the end of 2024. With a grain each period
 * of the series is computed over its own window by joining the periods to the rows (a sum of
 * the returned rows would be wrong for a distinct count and would miss rows from before the
 * range). Either way the rows read reach back before the range to the first window's start.
 */
final class CumulativeWindows {
    private CumulativeWindows() {
    }

    /** The bounds of the rows a leaf reads, and the periods they are joined to (null without a grain). */
    record Applied(TimeBounds rows, Plan.Spine spine) {
    }

    static Applied apply(Cumulative w, TimeBounds range, Grain grain, LocalDate today) {
        LocalDate from = range == null ? null : range.from();
        LocalDate until = range == null ? null : range.until();
        if (grain == null) {
            LocalDate end = until != null ? until : today.plusDays(1);
            return new Applied(new TimeBounds(start(w, end), end), null);
        }
        LocalDate first = from == null ? null : DateRange.truncate(from, grain);
        LocalDate rowsFrom = null;
        if (first != null) {
            LocalDate firstEnd = DateRange.add(first, grain, 1);
            if (until != null && until.isBefore(firstEnd)) firstEnd = until;
            rowsFrom = start(w, firstEnd); // windows only move forward: the first one starts earliest
        }
        return new Applied(new TimeBounds(rowsFrom, until), new Plan.Spine(grain, first, until, w));
    }

    /** The first day of the window that ends (exclusive) at {@code end}; null for all time. */
    static LocalDate start(Cumulative w, LocalDate end) {
        if (w.trailing()) return DateRange.add(end, w.unit(), -w.count());
        if (w.toDate() != null) return DateRange.truncate(end.minusDays(1), w.toDate());
        return null;
    }
}
