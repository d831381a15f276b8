package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * "next month" is the next calendar month; "…, highest first" and "in descending order" list
 * every group in that order, none cut; a stylised name ("AC/DC", "U2") is looked up as a name.
 * Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class NextPeriodsOrderWordsAndStylisedNamesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_next_order_names");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | count of accounts whose contract end date falls next month | SELECT count(*) FROM customers WHERE contract_end_date >= '2026-07-01' AND contract_end_date < '2026-08-01'",
            "demo    | customers whose contracts end next quarter | SELECT customer_id, contract_end_date FROM customers WHERE contract_end_date >= '2026-07-01' AND contract_end_date < '2026-10-01'",
            "chinook | what were total sales in each country in 2024, highest first | SELECT c.country, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01' GROUP BY 1",
            "demo    | new customers by plan, lowest first | SELECT plan, count(*) FROM customers GROUP BY 1",
            "chinook | how many albums did AC/DC release | SELECT count(*) FROM album a JOIN artist r USING (artist_id) WHERE r.name = 'AC/DC'",
            "chinook | revenue from U2 tracks | SELECT sum(l.unit_price * l.quantity) FROM invoice_line l JOIN track t USING (track_id) JOIN album a USING (album_id) JOIN artist r USING (artist_id) WHERE r.name = 'U2'",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void everyGroupInTheOrderAsked() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "revenue by region in descending order");
        assertNull(p.query().limit(), p.toString());
        assertEquals("desc", p.query().orderBy().get(0).direction(), p.toString());
        var low = TwoCatalogReaders.planned(t.demoPlanner(), "new customers by plan, lowest first");
        assertNull(low.query().limit(), low.toString());
        assertEquals("asc", low.query().orderBy().get(0).direction(), low.toString());
    }
}
