package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A word naming a metric right before a grouping's own noun only qualifies it ("by sales
 * region"); a whole-number total right after "how many" is what is counted ("how many seats");
 * the thing a count word counts is the metric even when a later phrase links elsewhere ("number
 * of tracks across the catalogue"); a column named among those to show that is the one the metric adds
 * up is its value, not a grouping, and a column word many tables share ("id") names none of them
 * alone; "by" after a participle names who did it ("filed by enterprise customers"), not a grouping; a
 * table's rows are dated by a parent only when they are parts of it; a listing shows the date it
 * names as a column. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class QualifiedGroupsAndCountedTotalsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_qualified");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | active customers broken down by sales region | SELECT region, count(*) FROM customers WHERE churned_at IS NULL GROUP BY region",
            "demo    | support tickets per sales segment in 2025 | SELECT c.segment, count(*) FROM support_tickets t JOIN customers c USING (customer_id) WHERE t.created_at >= '2025-01-01' AND t.created_at < '2026-01-01' GROUP BY c.segment",
            "demo    | how many seats do our enterprise customers hold | SELECT sum(seats_purchased) FROM customers WHERE segment = 'enterprise'",
            "demo    | how many seats do active customers in LATAM hold | SELECT sum(seats_purchased) FROM customers WHERE churned_at IS NULL AND region = 'LATAM'",
            "demo    | how many seats were bought by customers in EMEA | SELECT sum(seats_purchased) FROM customers WHERE region = 'EMEA'",
            "demo    | tickets filed by enterprise customers in 2025 | SELECT count(*) FROM support_tickets t JOIN customers c USING (customer_id) WHERE c.segment = 'enterprise' AND t.created_at >= '2025-01-01' AND t.created_at < '2026-01-01'",
            "demo    | list the enterprise customers in APAC along with their signup date | SELECT customer_name, created_at::date FROM customers WHERE segment = 'enterprise' AND region = 'APAC'",
            "chinook | for each media type, the number of tracks across the catalogue | SELECT m.name, count(*) FROM track t JOIN media_type m USING (media_type_id) GROUP BY m.name",
            "chinook | top 3 customers by revenue, id and total | SELECT customer_id, sum(total) FROM invoice GROUP BY customer_id ORDER BY 2 DESC LIMIT 3",
            "demo    | the 5 largest customers by revenue in 2025 with their name and amount | SELECT c.customer_name, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01' GROUP BY c.customer_name ORDER BY 2 DESC LIMIT 5",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aCountedRowsGroupingByTheirOwnAmountStays() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "invoices by total");
        assertEquals(List.of("invoice.total"), p.query().dimensions(), p.toString());
    }

    @Test
    void customersAreNotDatedByTheHireDateOfTheRepTheyAreAssignedTo() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "how many customers were there in 2024");
        assertTrue(p.query().filters().stream().noneMatch(f -> f.dimension() != null && f.dimension().startsWith("employee.")), p.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("not applied")), p.assumptions().toString());
        assertEquals(List.of(List.of(59L)), TwoCatalogReaders.rows(t.chinookQueries(), p.query()).stream()
                .map(r -> List.<Object>of(((Number) r.get(0)).longValue())).toList());
    }
}
