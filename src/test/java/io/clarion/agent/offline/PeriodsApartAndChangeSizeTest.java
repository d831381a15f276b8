package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two periods that do not follow each other are two rows with nothing between them (the query's
 * in_periods), whether named outright, as the same period a year before, or as the part of a
 * period up to today beside the same days a year earlier; when the size of the change is asked
 * ("by what percentage"), one row with both values and the change. Demo today 15 June 2026;
 * Chinook today 31 December 2025.
 */
class PeriodsApartAndChangeSizeTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_periods_apart");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | paid invoices in february 2026 next to february 2025 | SELECT date_trunc('month', issued_at)::date, count(*) FROM invoices WHERE status = 'paid' AND ((issued_at >= '2025-02-01' AND issued_at < '2025-03-01') OR (issued_at >= '2026-02-01' AND issued_at < '2026-03-01')) GROUP BY 1",
            "demo    | churned customers last quarter against the same quarter a year earlier | SELECT date_trunc('quarter', churned_at)::date, count(*) FROM customers WHERE (churned_at >= '2025-01-01' AND churned_at < '2025-04-01') OR (churned_at >= '2026-01-01' AND churned_at < '2026-04-01') GROUP BY 1",
            "demo    | tickets month to date vs the same days last year | SELECT date_trunc('month', created_at)::date, count(*) FROM support_tickets WHERE (created_at >= '2025-06-01' AND created_at < '2025-06-16') OR (created_at >= '2026-06-01' AND created_at < '2026-06-16') GROUP BY 1",
            "chinook | invoice totals for q1 2023 versus q4 2024 | SELECT date_trunc('quarter', invoice_date)::date, sum(total) FROM invoice WHERE (invoice_date >= '2023-01-01' AND invoice_date < '2023-04-01') OR (invoice_date >= '2024-10-01' AND invoice_date < '2025-01-01') GROUP BY 1",
            "demo    | recurring revenue by plan in march 2025 versus march 2026 | SELECT plan, month, sum(mrr) FROM mrr_snapshots WHERE month IN ('2025-03-01', '2026-03-01') GROUP BY 1, 2",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void theSizeOfAChangeIsOneRowWithBothValues() throws Exception {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "by what percentage did signups rise from february to march 2026");
        assertEquals("previous_period", p.query().compare(), p.toString());
        assertEquals("2026-03", TwoCatalogReaders.range(p.query()), p.toString());
        List<List<Object>> rows = TwoCatalogReaders.rows(t.demoQueries(), p.query());
        List<List<Object>> hand = io.clarion.testing.Datasets.rows(io.clarion.testing.TestDatabase.demo(),
                "SELECT count(*) FILTER (WHERE created_at >= '2026-03-01' AND created_at < '2026-04-01'),"
                        + " count(*) FILTER (WHERE created_at >= '2026-02-01' AND created_at < '2026-03-01') FROM customers");
        double now = ((Number) hand.get(0).get(0)).doubleValue(), before = ((Number) hand.get(0).get(1)).doubleValue();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals((now - before) / before, ((Number) rows.get(0).get(3)).doubleValue(), 1e-9, rows.toString());
        var yearApart = TwoCatalogReaders.planned(t.chinookPlanner(), "how much did sales grow in q3 2025 over q3 2024");
        assertEquals("same_period_last_year", yearApart.query().compare(), yearApart.toString());
    }
}
