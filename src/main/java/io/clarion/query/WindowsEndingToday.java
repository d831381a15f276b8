package io.clarion.query;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.diagnostics.Issue;
import io.clarion.query.ResolvedQuery.DimRef;
import io.clarion.query.ResolvedQuery.MetricOutput;
import io.clarion.query.ResolvedQuery.Output;
import io.clarion.query.ResolvedQuery.TimeBounds;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A trailing or grain-to-date metric asked for with no end date and no time grain is computed
 * over the window that ends on the reference date ("year to date" is this year's). When that date
 * is unknown, the answer would be a window ending on the calendar date, on data that may have
 * ended long before: a silent 0. Such a query is refused like a relative date filter, naming the
 * fixes. A grain or a bounded range gives the windows their own ends, and a running total over all
 * time reads every row whatever the date, so those are answered.
 */
final class WindowsEndingToday {
    private WindowsEndingToday() {
    }

    static void refuse(Catalog catalog, List<Output> outputs, List<DimRef> dims, TimeBounds metricTime, String problem,
                       List<Issue> errors) {
        if (problem == null || (metricTime != null && metricTime.until() != null)) return;
        for (int i = 0; i < outputs.size(); i++) {
            if (!(outputs.get(i) instanceof MetricOutput mo)) continue;
            Optional<Metric> windowed = windowEndingToday(catalog, mo.metric(), dims, new HashSet<>());
            if (windowed.isEmpty()) continue;
            Metric w = windowed.get();
            errors.add(QueryCode.REFERENCE_DATE_UNKNOWN.at("metrics[" + i + "]", mo.name()
                    + (w.equals(mo.metric()) ? "" : " reads " + w.name() + ", which") + " is " + w.cumulative().describe()
                    + " and its window ends on the reference date, and none can be determined: " + problem
                    + ". Give a time grain or a date range to end the window, or " + DateRange.REFERENCE_DATE_FIXES));
        }
    }

    /** The metric, or the first one it reads, whose window would end on the reference date in this query. */
    private static Optional<Metric> windowEndingToday(Catalog catalog, Metric m, List<DimRef> dims, Set<String> seen) {
        if (!seen.add(m.name())) return Optional.empty();
        if (m.cumulative() != null) {
            boolean bounded = m.cumulative().trailing() || m.cumulative().toDate() != null;
            return bounded && !groupedByItsTime(catalog.measure(m.expression()).orElse(null), dims) ? Optional.of(m) : Optional.empty();
        }
        for (String ref : m.refs()) {
            Optional<Metric> input = catalog.metric(ref);
            if (input.isPresent()) {
                Optional<Metric> found = windowEndingToday(catalog, input.get(), dims, seen);
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }

    /** Whether the query has a grain on metric_time or on the measure's own time dimension (each period ends its window). */
    private static boolean groupedByItsTime(Measure measure, List<DimRef> dims) {
        for (DimRef d : dims) {
            if (!d.isTime() || d.grain() == null) continue;
            if (d.isMetricTime()) return true;
            if (measure != null && d.dimension().cube().equals(measure.cube()) && d.dimension().name().equals(measure.timeDimension())) {
                return true;
            }
        }
        return false;
    }
}
