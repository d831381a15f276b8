package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Business shorthand read as the words it stands for ("qtr", "wk", "tix", "rev"); "the list of"
 * asks for rows; "going up", and "growth" right after a metric (though a plan is called that),
 * ask how a number moved, one row per month; an amount after the rows' noun compares each row's
 * own money column. Demo today 15 June 2026;
 * Chinook today 31 December 2025.
 */
class ShorthandAndTrendWordsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_shorthand");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | new signups last qtr by region | SELECT region, count(*) FROM customers WHERE created_at >= '2026-01-01' AND created_at < '2026-04-01' GROUP BY 1",
            "demo    | tix escalated this wk | SELECT count(*) FROM support_tickets WHERE escalated AND created_at >= '2026-06-15' AND created_at < '2026-06-16'",
            "chinook | rev by billing country last yr | SELECT billing_country, sum(total) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01' GROUP BY 1",
            "demo    | paid revenue growth in 2025 | SELECT date_trunc('month', issued_at)::date, sum(amount) FROM invoices WHERE status = 'paid' AND issued_at >= '2025-01-01' AND issued_at < '2026-01-01' GROUP BY 1",
            "chinook | invoices above 15 dollars | SELECT count(*) FROM invoice WHERE total > 15",
            "demo    | send me a list of owners in the smb team | SELECT owner_id, name FROM owners WHERE team = 'smb'",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void goingUpAsksForASeries() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "is revenue going up");
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.toString());
    }
}
