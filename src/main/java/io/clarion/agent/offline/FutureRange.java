package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.query.DateRange;
import io.clarion.query.MetricQuery;

import java.time.LocalDate;
import java.util.Optional;

/**
 * "Revenue next year", "forecast signups for next quarter": a period that begins after today has
 * no rows yet. Answering it would show an empty number as if it were a result; the reader says
 * the data ends today and that it does not forecast. Dates of things planned ahead (a contract's
 * end "in the next 30 days") are filters on their own columns and are not affected.
 */
final class FutureRange {
    private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile("\\b(week|month|quarter|year)s?\\b");
    private FutureRange() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p)) return o;
        LocalDate today = rd.ctx.queries().referenceDate();
        for (MetricQuery.Filter f : p.query().filters()) {
            if (!"metric_time".equals(f.dimension()) || f.value() == null || !f.value().isTextual()) continue;
            Optional<DateRange> r = DateRange.parse(f.value().asText(), today);
            if (r.isEmpty() || !r.get().start().isAfter(today)) continue;
            java.util.regex.Matcher unit = UNIT.matcher(f.value().asText());
            return new PlannerOutcome.Refused("The period asked (\"" + f.value().asText() + "\", from " + r.get().start()
                    + ") has not begun: the data runs to " + today + ", and I don't forecast. I can answer "
                    + String.join(", ", p.query().metrics()) + " for a period up to today, for example this "
                    + (unit.find() ? unit.group(1) : "year") + " so far.");
        }
        return o;
    }
}
