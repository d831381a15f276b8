package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whom an answer is for ("Summary for the board: …") is not a filter; a quarter or month "of
 * this year" is that year's; the question's own sentence dates it, not the context before it;
 * "one row per year" counts rows even beside a stored value spelled "One"; "the two other X"
 * after an exclusion ranks X; a period that has not begun is refused as a forecast, not answered
 * with an empty number. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class PreamblesSentencesAndFuturePeriodsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_preambles");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | Note for the finance review: invoices issued in Q3 of this year | SELECT count(*) FROM invoice WHERE invoice_date >= '2025-07-01' AND invoice_date < '2025-10-01'",
            "chinook | invoices in june of last year | SELECT count(*) FROM invoice WHERE invoice_date >= '2024-06-01' AND invoice_date < '2024-07-01'",
            "demo    | Summary for the board: active customers by region | SELECT region, count(*) FROM customers WHERE churned_at IS NULL GROUP BY 1",
            "demo    | Marketing paused ads in April. Signups for every month of 2025, please? | SELECT date_trunc('month', created_at)::date, count(*) FROM customers WHERE created_at >= '2025-01-01' AND created_at < '2026-01-01' GROUP BY 1",
            "chinook | Sales for the current year versus the previous year. Give one row per year. | SELECT date_trunc('year', invoice_date)::date, sum(total) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2026-01-01' GROUP BY 1",
            "chinook | besides Rock, which two other genres earned the most | SELECT g.name, sum(l.unit_price * l.quantity) FROM invoice_line l JOIN track t USING (track_id) JOIN genre g USING (genre_id) WHERE g.name <> 'Rock' GROUP BY 1 ORDER BY 2 DESC LIMIT 2",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aPeriodNotBegunIsRefusedAsAForecast() {
        PlannerOutcome o = t.demoPlanner().plan("what will our revenue be next quarter", io.clarion.agent.Conversation.empty("t"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o);
        assertTrue(r.reason().contains("has not begun") && r.reason().contains("2026-06-15"), r.reason());
        // Dates planned ahead are columns of their own, not the metric's period: still answered.
        var renewals = TwoCatalogReaders.planned(t.demoPlanner(), "count of clients whose contract ends within the next 60 days");
        assertTrue(renewals.query().filters().stream().anyMatch(f -> "customers.contract_end_date".equals(f.dimension())), renewals.toString());
    }

    @Test
    void otherAfterACountIsDroppedAndOtherwiseKept() {
        assertEquals(List.of("the", "three", "countries"), LayoutWords.otherAfterCount(Text.tokens("the three other countries")).stream()
                .map(Text.Token::raw).toList());
        assertEquals(List.of("tickets", "in", "category", "other"), LayoutWords.otherAfterCount(Text.tokens("tickets in category other")).stream().map(Text.Token::raw).toList());
    }
}
