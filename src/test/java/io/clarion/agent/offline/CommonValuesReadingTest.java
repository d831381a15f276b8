package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "the most common category", "the least popular channel": the value held by the most (fewest)
 * rows of the column's table, with the question's filters and period; a table's own name is
 * counted in the rows of the other table the question names; a phrase with no column after it
 * is said as unused. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class CommonValuesReadingTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_common");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | the most frequent ticket priority among mid-market accounts | SELECT t.priority, count(*) FROM support_tickets t JOIN customers c USING (customer_id) WHERE c.segment = 'mid-market' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            "demo    | which is the most common industry in LATAM | SELECT industry, count(*) FROM customers WHERE region = 'LATAM' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            "demo    | least popular acquisition channel in 2025 | SELECT acquisition_channel, count(*) FROM customers WHERE created_at >= '2025-01-01' AND created_at < '2026-01-01' GROUP BY 1 ORDER BY 2 ASC LIMIT 1",
            "chinook | the most common media type among tracks | SELECT m.name, count(*) FROM track t JOIN media_type m USING (media_type_id) GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            "chinook | top 2 most common billing countries | SELECT billing_country, count(*) FROM invoice GROUP BY 1 ORDER BY 2 DESC LIMIT 2",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aPhraseWithNoColumnAfterItIsSaidAsUnused() {
        PlannerOutcome o = t.chinookPlanner().plan("what is the most popular media type", io.clarion.agent.Conversation.empty("t"));
        assertTrue(!(o instanceof PlannerOutcome.Planned p) || p.assumptions().stream().anyMatch(a -> a.contains("popular")), o.toString());
    }
}
