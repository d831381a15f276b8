package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A column said to be absent ("no composer", "without a company", "missing a renewal date") is
 * the rows where it is empty; a paying verb that is also a value of a table the question does not
 * touch ("paid" as a journey stage) is the money paid; polite words before a listing verb ("could
 * you pull …") still list; an instruction after "if we" cuts the answer. Checked with SQL on
 * Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class EmptyColumnsAndPayingVerbsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_empty_columns");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | how many tracks have no composer on file                  | SELECT count(*) FROM track WHERE composer IS NULL",
            "chinook | number of customers without a company                     | SELECT count(*) FROM customer WHERE company IS NULL",
            "demo    | count of accounts missing a renewal date                  | SELECT count(*) FROM customers WHERE contract_end_date IS NULL",
            "chinook | how much have we billed to Brazil in total                | SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.country = 'Brazil'",
            "demo    | the 4 accounts with the most money paid to us, all time   | SELECT c.customer_name, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' GROUP BY 1 ORDER BY 2 DESC LIMIT 4",
            "demo    | could you pull the starter customers in APAC that are still active | SELECT customer_name FROM customers WHERE plan = 'starter' AND region = 'APAC' AND churned_at IS NULL",
            "demo    | if we remove LATAM from the picture, how many accounts are still active | SELECT count(*) FROM customers WHERE region <> 'LATAM' AND churned_at IS NULL",
    })
    void answersMatchTheSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }
}
