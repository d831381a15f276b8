package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "month by month" is a series, even where a cube has a dimension named "month"; a word that is a
 * value of several dimensions is the value of the dimension the question names ("by priority …
 * the low ones"); "the plan every customer is on" says whose plan, and lists no accounts. Each
 * answer is checked with SQL on the demo (today 15 June 2026) and Chinook (today 31 December 2025).
 */
class RepeatedGrainsAndOwnValuesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_grains_values");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | support ticket volume month by month during 2025        | SELECT date_trunc('month', created_at)::date, count(*) FROM support_tickets WHERE created_at >= DATE '2025-01-01' AND created_at < DATE '2026-01-01' GROUP BY 1",
            "chinook | invoice count quarter by quarter in 2024               | SELECT date_trunc('quarter', invoice_date)::date, count(*) FROM invoice WHERE invoice_date >= DATE '2024-01-01' AND invoice_date < DATE '2025-01-01' GROUP BY 1",
            "demo    | tickets per priority, without the low ones             | SELECT priority, count(*) FROM support_tickets WHERE priority <> 'low' GROUP BY 1",
            "demo    | ticket counts by priority, just the urgent ones        | SELECT priority, count(*) FROM support_tickets WHERE priority = 'urgent' GROUP BY 1",
            "demo    | active accounts by segment and by the plan every customer is on | SELECT segment, plan, count(*) FROM customers WHERE churned_at IS NULL GROUP BY 1, 2",
            "demo    | total seats by the region every customer sits in       | SELECT region, sum(seats_purchased) FROM customers GROUP BY 1",
    })
    void answersMatchTheSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }
}
