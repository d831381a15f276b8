package io.clarion.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateRangeTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // phrase,              start,       end (exclusive)
            "today,                 2026-06-15, 2026-06-16",
            "yesterday,             2026-06-14, 2026-06-15",
            "last 30 days,          2026-05-17, 2026-06-16",
            "last 7 days,           2026-06-09, 2026-06-16",
            "last 90 days,          2026-03-18, 2026-06-16",
            "last month,            2026-05-01, 2026-06-01",
            "last quarter,          2026-01-01, 2026-04-01",
            "last year,             2025-01-01, 2026-01-01",
            "this month,            2026-06-01, 2026-06-16",
            "this quarter,          2026-04-01, 2026-06-16",
            "this year,             2026-01-01, 2026-06-16",
            "year to date,          2026-01-01, 2026-06-16",
            "ytd,                   2026-01-01, 2026-06-16",
            "month to date,         2026-06-01, 2026-06-16",
            "last 12 months,        2025-06-16, 2026-06-16",
            "last 6 calendar months,2026-01-01, 2026-06-16",
            "next 60 days,          2026-06-16, 2026-08-15",
            "next month,            2026-07-01, 2026-08-01",
            "next quarter,          2026-07-01, 2026-10-01",
            "coming week,           2026-06-22, 2026-06-29",
            "since 2025-01-01,      2025-01-01, 2026-06-16",
            "2025-03,               2025-03-01, 2025-04-01",
            "2025-Q2,               2025-04-01, 2025-07-01",
            "2024,                  2024-01-01, 2025-01-01",
            "2025-02-28,            2025-02-28, 2025-03-01",
            // spans: the start of the first period to the end of the second
            "2025-03 to 2025-05,    2025-03-01, 2025-06-01",
            "2024-11 to 2025-01,    2024-11-01, 2025-02-01",
            "2025-02 to 2025-02,    2025-02-01, 2025-03-01",
            "2024-Q3 to 2025-Q1,    2024-07-01, 2025-04-01",
            "2023 to 2024,          2023-01-01, 2025-01-01",
            "2025-01-10 to 2025-02-05, 2025-01-10, 2025-02-06",
            "2025-04 to month to date, 2025-04-01, 2026-06-16",
            "last year to this month, 2025-01-01, 2026-06-16",
            // months without a year: the latest span of them that has begun by 15 June 2026
            "--03 to --05,          2026-03-01, 2026-06-01",
            "--05 to --08,          2026-05-01, 2026-09-01",
            "--07 to --09,          2025-07-01, 2025-10-01",
            "--11 to --02,          2025-11-01, 2026-03-01",
            "--06 to --06,          2026-06-01, 2026-07-01",
    })
    void resolvesPhrasesAgainstTheReferenceDate(String phrase, LocalDate start, LocalDate end) {
        DateRange r = DateRange.parse(phrase, AS_OF).orElseThrow();
        assertEquals(new DateRange(start, end), r);
    }

    @Test
    void lastThirtyDaysFollowsTheDictionary() {
        // "the last N days" = ts >= as_of - (N-1) days AND ts < as_of + 1 day
        DateRange r = DateRange.parse("last 30 days", AS_OF).orElseThrow();
        assertEquals(AS_OF.minusDays(29), r.start());
        assertEquals(AS_OF.plusDays(1), r.end());
        assertEquals(30, r.days());
    }

    @Test
    void unknownPhrasesAreRejectedNotGuessed() {
        assertTrue(DateRange.parse("sometime soon", AS_OF).isEmpty());
        assertTrue(DateRange.parse("last 0 days", AS_OF).isEmpty());
        assertTrue(DateRange.parse("2025-13", AS_OF).isEmpty());
        assertTrue(DateRange.parse("", AS_OF).isEmpty());
        assertTrue(DateRange.parse("2025-03 to", AS_OF).isEmpty());
        assertTrue(DateRange.parse("2025-03 to sometime", AS_OF).isEmpty());
        assertTrue(DateRange.parse("--13 to --02", AS_OF).isEmpty());
        assertTrue(DateRange.parse("--3 to --5", AS_OF).isEmpty());
    }

    @Test
    void aSpanEndingBeforeItStartsIsNotARangeAndIsNamedTheRightWayRound() {
        assertTrue(DateRange.parse("2025-05 to 2025-03", AS_OF).isEmpty());
        assertEquals("2025-03 to 2025-05", DateRange.reversedSpan("2025-05 to 2025-03", AS_OF).orElseThrow());
        assertEquals("2024-q1 to 2025-q2", DateRange.reversedSpan("2025-Q2 to 2024-Q1", AS_OF).orElseThrow());
        // Spans the right way round, single periods and unreadable text are not reversed spans.
        assertTrue(DateRange.reversedSpan("2025-03 to 2025-05", AS_OF).isEmpty());
        assertTrue(DateRange.reversedSpan("month to date", AS_OF).isEmpty());
        assertTrue(DateRange.reversedSpan("--11 to --02", AS_OF).isEmpty());
        assertTrue(DateRange.reversedSpan("sometime to never", AS_OF).isEmpty());
    }

    @Test
    void previousPeriodIsTheCalendarUnitBefore() {
        DateRange may = DateRange.parse("last month", AS_OF).orElseThrow();
        assertEquals(new DateRange(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1)), may.previous());
        DateRange mtd = DateRange.parse("this month", AS_OF).orElseThrow();
        assertEquals(new DateRange(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 16)), mtd.previous());
        DateRange days = DateRange.parse("last 30 days", AS_OF).orElseThrow();
        assertEquals(new DateRange(LocalDate.of(2026, 4, 17), LocalDate.of(2026, 5, 17)), days.previous());
    }
}
