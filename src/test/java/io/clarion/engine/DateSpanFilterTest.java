package io.clarion.engine;

import io.clarion.diagnostics.Issue;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A span of periods as the value of a metric_time in_date_range filter, through the whole
 * compiler: the SQL is bound to the span's first and last day, and a span written the wrong
 * way round is refused with a typed error that names it.
 */
class DateSpanFilterTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);
    static final QueryService COMPILER = DemoEngine.compiler(AS_OF);

    static String query(String value) {
        return "{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \""
                + value + "\"}]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2025-10 to 2026-01,       2025-10-01, 2026-02-01",
            "2025-q4 to 2026-q1,       2025-10-01, 2026-04-01",
            "2025-12-20 to 2026-01-10, 2025-12-20, 2026-01-11",
            "last month to this month, 2026-05-01, 2026-06-16",
            "--02 to --04,             2026-02-01, 2026-05-01",
            "--10 to --01,             2025-10-01, 2026-02-01",
    })
    void aSpanBindsItsFirstAndLastDay(String value, LocalDate from, LocalDate until) {
        QueryService.Compiled c = COMPILER.compile(QueryParser.parse(query(value)), QueryService.Options.DEFAULT);
        List<Object> binds = c.sql().binds();
        assertTrue(binds.contains(from) && binds.contains(until), value + " bound " + binds + "\n" + c.sql().sql());
    }

    @Test
    void aReversedSpanIsRefusedNamingTheValueAndTheRightOrder() {
        QueryException e = assertThrows(QueryException.class,
                () -> COMPILER.compile(QueryParser.parse(query("2026-04 to 2025-11")), QueryService.Options.DEFAULT));
        Issue i = e.errors().get(0);
        assertEquals("invalid_date_range", i.key());
        assertEquals("filters[0].value", i.path());
        assertTrue(i.message().contains("\"2026-04 to 2025-11\"") && i.message().contains("ends before it starts"), i.message());
        assertEquals(List.of("2025-11 to 2026-04"), i.suggestions());
    }

    @Test
    void anUnreadableHalfIsNotASpan() {
        QueryException e = assertThrows(QueryException.class,
                () -> COMPILER.compile(QueryParser.parse(query("2026-04 to whenever")), QueryService.Options.DEFAULT));
        assertEquals("invalid_date_range", e.errors().get(0).key());
        assertTrue(e.errors().get(0).message().startsWith("cannot read the date range"), e.errors().get(0).message());
    }
}
