package io.clarion.agent.offline;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Periods said in words are applied, never dropped: "the first half of 2024", "H2 2025", "the third
 * quarter of 2023", "the past two years", "in April" (the latest April begun). Checked with SQL on Chinook (today 31 December 2025) and
 * the demo (today 15 June 2026).
 */
class HalvesAndOrdinalQuartersTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_halves");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "total sales during the second half of 2024    | 2024-07 to 2024-12 | 2024-07-01 | 2025-01-01",
            "invoice total for h1 2025                      | 2025-01 to 2025-06 | 2025-01-01 | 2025-07-01",
            "sales in the third quarter of 2023             | 2023-q3            | 2023-07-01 | 2023-10-01",
            "revenue for the 4th quarter of 2022            | 2022-q4            | 2022-10-01 | 2023-01-01",
    })
    void chinookPeriodsInWords(String question, String phrase, String from, String until) throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), question).query();
        assertTrue(q.filters().stream().anyMatch(f -> "in_date_range".equals(f.operator()) && phrase.equals(f.value().asText())), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT sum(total) FROM invoice WHERE invoice_date >= DATE '" + from
                + "' AND invoice_date < DATE '" + until + "'");
        List<List<Object>> answer = t.chinookQueries().run(q, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), q + ": " + answer + " vs " + gold);
    }

    @Test
    void demoFirstHalfAndACountInWords() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "new signups in the first half of 2025").query();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT count(*) FROM customers WHERE created_at >= DATE '2025-01-01'"
                + " AND created_at < DATE '2025-07-01'");
        List<List<Object>> answer = t.demoQueries().run(q, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), q + ": " + answer + " vs " + gold);
        MetricQuery w = TwoCatalogReaders.planned(t.demoPlanner(), "tickets over the past two weeks").query();
        assertEquals("last 2 weeks", w.filters().stream().filter(f -> "in_date_range".equals(f.operator())).findFirst().orElseThrow().value().asText());
    }

    @Test
    void aMonthWithoutAYearIsTheLatestSuchMonth() throws Exception {
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "how much did we sell during the month of october").query();
        List<List<Object>> cg = Datasets.rows(t.chinook(), "SELECT sum(total) FROM invoice WHERE invoice_date >= DATE '2025-10-01' AND invoice_date < DATE '2025-11-01'");
        List<List<Object>> ca = t.chinookQueries().run(c, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(cg, ca, false).isEmpty(), c + ": " + ca + " vs " + cg);
        // On 15 June 2026 the latest February begun is February 2026; "may" as a verb is no month.
        MetricQuery d = TwoCatalogReaders.planned(t.demoPlanner(), "accounts that churned in february").query();
        List<List<Object>> dg = Datasets.rows(TestDatabase.demo(), "SELECT count(*) FROM customers WHERE churned_at >= DATE '2026-02-01' AND churned_at < DATE '2026-03-01'");
        List<List<Object>> da = t.demoQueries().run(d, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(dg, da, false).isEmpty(), d + ": " + da + " vs " + dg);
        MetricQuery v = TwoCatalogReaders.planned(t.demoPlanner(), "how many customers may churn").query();
        assertTrue(v.filters().stream().noneMatch(f -> "in_date_range".equals(f.operator())), v.toString());
    }
}
