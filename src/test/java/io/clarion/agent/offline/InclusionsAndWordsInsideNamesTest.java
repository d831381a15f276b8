package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows said to be included are no filter; a single word inside a metric's name only qualifies
 * it; "headcount" is a count; "joined the company" names the organisation, not a company column;
 * rows described by "whose …" after a value or two are listed. Demo today 15 June 2026; Chinook
 * today 31 December 2025.
 */
class InclusionsAndWordsInsideNamesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_inclusions");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | how many accounts overall, cancelled ones included | SELECT count(*) FROM customers",
            "demo    | count of customers including the churned | SELECT count(*) FROM customers",
            "demo    | average mrr per paying account | SELECT sum(mrr) / count(DISTINCT customer_id) FROM mrr_snapshots WHERE month = '2026-06-01'",
            "demo    | headcount of owners in each team | SELECT team, count(*) FROM owners GROUP BY 1",
            "chinook | list employees who joined the company in 2004 | SELECT employee_id, hire_date::date FROM employee WHERE hire_date >= '2004-01-01' AND hire_date < '2005-01-01'",
            "demo    | smb accounts whose contract ends next month | SELECT customer_name, customer_id, contract_end_date FROM customers WHERE segment = 'smb' AND contract_end_date >= '2026-07-01' AND contract_end_date < '2026-08-01'",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void anIncludedGroupIsSaidNotDropped() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "how many accounts overall, cancelled ones included");
        assertTrue(p.query().filters().isEmpty() && p.query().segments().isEmpty(), p.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("said to be included")), p.assumptions().toString());
    }

    @Test
    void aWordThatChangesTheMeaningIsNeverPartOfAName() {
        // "without" between the words of a name is not read into it.
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "customers without open tickets");
        assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("as part of the name")), p.assumptions().toString());
    }
}
