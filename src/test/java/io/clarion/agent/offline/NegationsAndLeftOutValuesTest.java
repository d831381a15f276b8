package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Negated verbs ("havent churned", "didn't cancel", "never left us"), a verb and particle around
 * what is left out ("leave Canada out", "take trials out of the picture"), "non-" before a
 * segment's word, a segment whose own words name the rows counted ("how many live accounts") and
 * counts written as words in a threshold ("more than five"). Each answer is checked with SQL, on
 * Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class NegationsAndLeftOutValuesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_negations");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | how many accounts havent cancelled so far                | SELECT count(*) FROM customers WHERE churned_at IS NULL",
            "demo    | count the customers who never left us, per region        | SELECT region, count(*) FROM customers WHERE churned_at IS NULL GROUP BY 1",
            "demo    | non-churned accounts by plan                             | SELECT plan, count(*) FROM customers WHERE churned_at IS NULL GROUP BY 1",
            "demo    | how many live accounts do we have in each segment        | SELECT segment, count(*) FROM customers WHERE churned_at IS NULL GROUP BY 1",
            "demo    | active accounts per region if we leave the smb segment out | SELECT region, count(*) FROM customers WHERE churned_at IS NULL AND segment <> 'smb' GROUP BY 1",
            "demo    | total seats by region, take enterprise out of the picture | SELECT region, sum(seats_purchased) FROM customers WHERE segment <> 'enterprise' GROUP BY 1",
            "chinook | leaving Canada out, what was revenue in 2023             | SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.country <> 'Canada' AND i.invoice_date >= DATE '2023-01-01' AND i.invoice_date < DATE '2024-01-01'",
            "chinook | tracks per genre with Rock kept out                      | SELECT g.name, count(*) FROM track t JOIN genre g USING (genre_id) WHERE g.name <> 'Rock' GROUP BY 1",
            "chinook | countries that have more than five customers            | SELECT country, count(*) FROM customer GROUP BY 1 HAVING count(*) > 5",
            "demo    | which owners look after fewer than forty active accounts | SELECT o.name, o.owner_id, count(*) FROM customers c JOIN owners o USING (owner_id) WHERE c.churned_at IS NULL GROUP BY 1, 2 HAVING count(*) < 40",
    })
    void answersMatchTheSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }
}
