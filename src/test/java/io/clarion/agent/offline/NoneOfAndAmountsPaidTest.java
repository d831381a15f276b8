package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "customers with no open tickets", "artists with no tracks sold": rows whose measure is zero or
 * empty, every row of their table read so that rows with nothing in the measured table are kept;
 * within a period, when the rows' own count has no date, a refusal that says why instead of an
 * empty list. "How much did enterprise customers pay": the amount paid, not a count of paying
 * rows. An average per row of another table with no ratio declared is the mean over the rows that
 * have any (the group_average analysis), each row once. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class NoneOfAndAmountsPaidTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_none_of");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | how many customers have no open tickets | SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM support_tickets s WHERE s.customer_id = c.customer_id AND s.resolved_at IS NULL)",
            "demo    | how many active customers have no open tickets | SELECT count(*) FROM customers c WHERE c.churned_at IS NULL AND NOT EXISTS (SELECT 1 FROM support_tickets s WHERE s.customer_id = c.customer_id AND s.resolved_at IS NULL)",
            "demo    | how many customers have zero escalated tickets | SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM support_tickets s WHERE s.customer_id = c.customer_id AND s.escalated)",
            "chinook | which artists have no tracks sold | SELECT a.artist_id, a.name FROM artist a WHERE NOT EXISTS (SELECT 1 FROM album al JOIN track t USING (album_id) JOIN invoice_line l USING (track_id) WHERE al.artist_id = a.artist_id)",
            "chinook | artists with no albums | SELECT a.artist_id FROM artist a WHERE NOT EXISTS (SELECT 1 FROM album al WHERE al.artist_id = a.artist_id)",
            "demo    | what did Maya Moreau's customers pay last quarter | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) JOIN owners o ON o.owner_id = c.owner_id WHERE o.name = 'Maya Moreau' AND i.status = 'paid' AND i.issued_at >= '2026-01-01' AND i.issued_at < '2026-04-01'",
            "demo    | how much did enterprise customers pay in 2025 | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE c.segment = 'enterprise' AND i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01'",
            "chinook | mean count of invoices for each customer | SELECT avg(n) FROM (SELECT customer_id, count(*) AS n FROM invoice GROUP BY 1) g",
            "demo    | mean tickets per account | SELECT avg(n) FROM (SELECT customer_id, count(*) AS n FROM support_tickets GROUP BY 1) g",
            "chinook | average number of tracks per playlist | SELECT avg(n) FROM (SELECT playlist_id, count(*) AS n FROM playlist_track GROUP BY 1) g",
            "demo    | how much did EMEA accounts spend last year | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE c.region = 'EMEA' AND i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01'",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void noneWithinAPeriodIsRefusedWithItsReasonWhenTheRowsHaveNoDate() {
        PlannerOutcome o = t.chinookPlanner().plan("how many customers had no invoices in 2025", Conversation.empty("none-of"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o);
        assertTrue(r.reason().contains("customer.count has no date"), r.reason());
    }

    @Test
    void aColumnLeftEmptyIsNotAMeasureOfNone() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "customers with no plan");
        assertEquals("not_set", p.query().filters().get(0).operator(), p.toString());
        assertEquals("customers.plan", p.query().filters().get(0).dimension(), p.toString());
    }

    @Test
    void anAverageOverRowsIsSaidAsOneNumber() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "mean tickets per account");
        var result = t.demoQueries().run(p.query(), io.clarion.engine.QueryService.Options.DEFAULT).result();
        String answer = io.clarion.agent.chat.AnswerWriter.write(t.demoQueries().catalog(), p.query(), result, java.time.LocalDate.of(2026, 6, 15));
        assertTrue(answer.matches("[A-Z].* is 5\\.8\\d?\\b.*"), answer);
    }

    @Test
    void payingCustomersAreStillCounted() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "how many paying customers do we have");
        assertEquals(java.util.List.of("mrr.paying_customers"), p.query().metrics(), p.toString());
    }
}
