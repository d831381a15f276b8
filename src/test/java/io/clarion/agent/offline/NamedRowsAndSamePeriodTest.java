package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An id or a name in the question is one row, looked up in the catalog's key and name columns:
 * a filter when found, a plain "not found" when not (never an answer about everyone), and the
 * columns asked of it when nothing is measured. "This quarter against the same quarter last
 * year" compares the two. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class NamedRowsAndSamePeriodTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_named_rows");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | Who is the account owner of cus_000043? | SELECT o.name FROM customers c JOIN owners o USING (owner_id) WHERE c.customer_id = 'cus_000043'",
            "demo    | which plan is cus_000044 on              | SELECT plan FROM customers WHERE customer_id = 'cus_000044'",
            "demo    | paid revenue from Atlas Networks Harbor Corp during 2025 | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE c.customer_name = 'Atlas Networks Harbor Corp' AND i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01'",
            "demo    | list the accounts Grace Brooks owns      | SELECT c.customer_id FROM customers c JOIN owners o USING (owner_id) WHERE o.name = 'Grace Brooks'",
            "chinook | number of tracks by the artist Led Zeppelin | SELECT count(*) FROM track t JOIN album a USING (album_id) JOIN artist ar USING (artist_id) WHERE ar.name = 'Led Zeppelin'",
            "chinook | invoice totals from customers living in São Paulo | SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.city = 'São Paulo'",
            "chinook | how many invoices does customer 14 have | SELECT count(*) FROM invoice WHERE customer_id = 14",
            "chinook | how many tracks does album 6 have | SELECT count(*) FROM track WHERE album_id = 6",
    })
    void aNamedRowIsAFilter(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void anIdNoRowHoldsIsSaidNotAnsweredForEveryone() {
        PlannerOutcome o = t.demoPlanner().plan("tickets raised by cus_987654 this year", Conversation.empty("named-rows"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, o.toString());
        assertTrue(r.reason().contains("cus_987654") && r.reason().contains("customers.customer_id"), r.reason());
    }

    @Test
    void aRowIsLookedUpAsTheCallerSoAnotherOwnersCustomerIsNotFoundForThem() throws Exception {
        var access = io.clarion.governance.policy.Access.of(t.demoQueries().catalog(), new io.clarion.governance.policy.Principal("olga",
                java.util.List.of("owner"), java.util.Map.of("owner_id", "own_001")));
        String mine = (String) io.clarion.testing.Datasets.rows(io.clarion.testing.TestDatabase.demo(),
                "SELECT customer_id FROM customers WHERE owner_id = 'own_001' ORDER BY customer_id LIMIT 1").get(0).get(0);
        String theirs = (String) io.clarion.testing.Datasets.rows(io.clarion.testing.TestDatabase.demo(),
                "SELECT customer_id FROM customers WHERE owner_id <> 'own_001' ORDER BY customer_id LIMIT 1").get(0).get(0);
        PlannerOutcome own = t.demoPlanner().plan("which plan is " + mine + " on", Conversation.empty("named-rows"), access);
        assertInstanceOf(PlannerOutcome.Planned.class, own, own.toString());
        PlannerOutcome other = t.demoPlanner().plan("which plan is " + theirs + " on", Conversation.empty("named-rows"), access);
        assertTrue(other instanceof PlannerOutcome.Refused r && r.reason().contains(theirs), other.toString());
        // Unrestricted, the same question finds the row.
        assertInstanceOf(PlannerOutcome.Planned.class, t.demoPlanner().plan("which plan is " + theirs + " on", Conversation.empty("named-rows")));
    }

    @Test
    void aPeriodBesideTheSamePeriodAYearBeforeIsCompared() {
        // One row per period: this quarter and the same quarter a year before, nothing between.
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "paid revenue this quarter against the same quarter last year");
        assertEquals(List.of("2025-q2", "2026-q2"), TwoCatalogReaders.periods(p.query()), p.query().toString());
        assertEquals(List.of("metric_time.quarter"), p.query().dimensions(), p.query().toString());
        var q = TwoCatalogReaders.planned(t.demoPlanner(), "signups last month versus the same month a year earlier");
        assertEquals(List.of("2025-05", "2026-05"), TwoCatalogReaders.periods(q.query()), q.query().toString());
    }
}
