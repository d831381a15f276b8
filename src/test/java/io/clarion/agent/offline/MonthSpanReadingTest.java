package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A span of months in a question is one metric_time range, on a catalog the reader was not
 * written for (Chinook, reference date 15 June 2025): with a year on both sides, on one side,
 * or on neither (the latest such span that has begun). Each answer is compared with SQL over
 * the same days.
 */
class MonthSpanReadingTest {
    static final LocalDate TODAY = LocalDate.of(2025, 6, 15);
    static DataSource chinook;
    static QueryService queries;
    static OfflinePlanner planner;

    @BeforeAll
    static void load() {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        chinook = Datasets.chinook("clarion_chinook_month_spans");
        queries = new QueryService(r.catalog(), chinook, PostgresDialect.INSTANCE, () -> TODAY, 10_000, Duration.ofSeconds(60),
                () -> "month-span-mask-key");
        planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
    }

    static PlannerOutcome.Planned planned(String question) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("spans"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o);
    }

    /** The query's only date filter, which must be on metric_time. */
    static String range(MetricQuery q) {
        List<MetricQuery.Filter> dates = q.filters().stream().filter(f -> "in_date_range".equals(f.operator())).toList();
        assertEquals(1, dates.size(), "one date range in " + q);
        assertEquals("metric_time", dates.get(0).dimension(), q.toString());
        return dates.get(0).value().asText();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "How much revenue did we book from February to April 2024?       | 2024-02 to 2024-04 | 2024-02-01 | 2024-05-01",
            "revenue between October 2022 and March 2023                     | 2022-10 to 2023-03 | 2022-10-01 | 2023-04-01",
            "Total revenue from December 2023 through February               | 2023-12 to 2024-02 | 2023-12-01 | 2024-03-01",
            "What did sales come to between Sep and Jan 2024?                | 2023-09 to 2024-01 | 2023-09-01 | 2024-02-01",
            "revenue from january to march                                   | --01 to --03       | 2025-01-01 | 2025-04-01",
            "Show me the revenue from August until November                  | --08 to --11       | 2024-08-01 | 2024-12-01",
            "revenue between November and February                           | --11 to --02       | 2024-11-01 | 2025-03-01",
    })
    void aMonthSpanIsOneRangeAndAnswersItsDays(String question, String phrase, LocalDate from, LocalDate until) throws Exception {
        PlannerOutcome.Planned p = planned(question);
        assertEquals(phrase, range(p.query()), p.query().toString());
        // No word of the span is left over as unread.
        assertTrue(p.assumptions().stream().noneMatch(a -> a.startsWith("Not used")
                && a.matches("(?s).*\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b.*")), p.assumptions().toString());
        List<List<Object>> answer = queries.run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(chinook, "SELECT sum(total) FROM invoice WHERE invoice_date >= DATE '" + from
                + "' AND invoice_date < DATE '" + until + "'");
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), question + ": " + answer + " vs " + gold);
    }

    @Test
    void aSpanKeepsTheGroupingAskedFor() {
        MetricQuery q = planned("Number of invoices by billing country from May to July 2023").query();
        assertEquals("2023-05 to 2023-07", range(q));
        assertTrue(q.dimensions().contains("invoice.billing_country"), q.toString());
    }

    @Test
    void aSpanByMonthIsATrendOverThoseMonths() throws Exception {
        MetricQuery q = planned("monthly revenue between March and June 2024").query();
        assertEquals("2024-03 to 2024-06", range(q));
        assertTrue(q.dimensions().contains("metric_time.month"), q.toString());
        assertEquals(4, queries.run(q, QueryService.Options.DEFAULT).result().rows().size());
    }

    @Test
    void aSpanWrittenBackwardsIsNotAnsweredAsSomethingElse() {
        PlannerOutcome o = planner.plan("revenue from June 2024 to February 2024", Conversation.empty("spans"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, o.toString());
        assertTrue(r.reason().contains("2024-06 to 2024-02"), r.reason());
    }
}
