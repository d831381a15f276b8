package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Function words as typed ("wich", "more then"), customers lost said after them ("clients did we
 * loose", "accounts that dropped us"), every row "we collected" in a period, and a count of a
 * thing the catalog does not hold refused rather than answered with another count; "units sold" with no
 * thing named is the catalog's one quantity column. Demo today 15
 * June 2026; Chinook today 31 December 2025.
 */
class TyposLeavingAndUnknownCountsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_typos");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | how many invoices were for more then 10 dollars | SELECT count(*) FROM invoice WHERE total > 10",
            "chinook | wich countries have more then 5 customers | SELECT country, count(*) FROM customer GROUP BY 1 HAVING count(*) > 5",
            "demo    | how many smb clients did we loose in 2025 | SELECT count(*) FROM customers WHERE segment = 'smb' AND churned_at >= '2025-01-01' AND churned_at < '2026-01-01'",
            "demo    | accounts that dropped us last quarter, per region | SELECT region, count(*) FROM customers WHERE churned_at >= '2026-01-01' AND churned_at < '2026-04-01' GROUP BY 1",
            "chinook | units sold per media type in 2024 | SELECT m.name, sum(l.quantity) FROM invoice_line l JOIN invoice i USING (invoice_id) JOIN track t USING (track_id) JOIN media_type m USING (media_type_id) WHERE i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01' GROUP BY 1",
            "demo    | average nps over all the answers we received last year | SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) FROM nps_responses WHERE responded_at >= '2025-01-01' AND responded_at < '2026-01-01'",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aCountOfSomethingTheCatalogDoesNotHoldIsRefused() {
        PlannerOutcome o = t.demoPlanner().plan("how many parcels did the warehouse ship from Berlin last month", Conversation.empty("t"));
        assertInstanceOf(PlannerOutcome.Refused.class, o, o.toString());
    }
}
