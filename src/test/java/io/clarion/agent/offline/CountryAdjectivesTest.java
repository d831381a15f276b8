package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A country's adjective names the country the catalog stores as a value ("German customers" are
 * the customers in Germany); a word that is no value's country ("european") filters nothing and is
 * said as unused. Chinook, today 31 December 2025.
 */
class CountryAdjectivesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_country_adjectives");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "how much did German customers spend in 2024      | SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.country = 'Germany' AND i.invoice_date >= DATE '2024-01-01' AND i.invoice_date < DATE '2025-01-01'",
            "number of Brazilian customers per support rep    | SELECT support_rep_id, count(*) FROM customer WHERE country = 'Brazil' GROUP BY 1",
            "list the canadian customers with no company        | SELECT customer_id FROM customer WHERE country = 'Canada' AND company IS NULL",
    })
    void anAdjectiveIsItsCountry(String question, String sql) throws Exception {
        t.answersLikeSql("chinook", question, sql);
    }

    @Test
    void anAdjectiveOfNoStoredCountryIsSaidUnused() {
        var p = TwoCatalogReaders.planned(t.chinookPlanner(), "revenue from european customers in 2024");
        assertTrue(p.query().filters().stream().noneMatch(f -> "customer.country".equals(f.dimension())), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("european")), p.assumptions().toString());
    }
}
