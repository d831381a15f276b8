package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "every other country combined" is one total; "in calendar 2024" is that year; a listed row's
 * number column compared to a number filters the rows ("accounts in APAC with over 250 seats"),
 * and no text value takes the number. Checked with SQL on Chinook (today 31 December 2025) and the
 * demo (today 15 June 2026).
 */
class CombinedTotalsAndListedThresholdsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_combined_totals");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | apart from Canada, what was revenue from all other countries combined during 2023| SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.country <> 'Canada' AND i.invoice_date >= DATE '2023-01-01' AND i.invoice_date < DATE '2024-01-01'",
            "demo    | new signups in calendar 2024 by acquisition channel           | SELECT acquisition_channel, count(*) FROM customers WHERE created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01' GROUP BY 1",
            "demo    | list accounts in APAC with over 250 seats                     | SELECT customer_name, seats_purchased FROM customers WHERE region = 'APAC' AND seats_purchased > 250",
            "demo    | could you list the growth plan customers in NA with fewer than 15 seats | SELECT customer_name, seats_purchased FROM customers WHERE plan = 'growth' AND region = 'North America' AND seats_purchased < 15",
    })
    void answersMatchTheSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }
}
