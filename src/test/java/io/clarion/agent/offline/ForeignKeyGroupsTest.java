package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A column that only points at another table's rows (Chinook's customer.support_rep_id, joined
 * many to one to employee) groups by the rows it points at, shown by their name. Chinook today
 * 31 December 2025.
 */
class ForeignKeyGroupsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_foreign_keys");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | number of customers for each support rep | SELECT concat(e.first_name, ' ', e.last_name), count(*) FROM customer c JOIN employee e ON e.employee_id = c.support_rep_id GROUP BY 1",
            "chinook | revenue by support rep in 2024 | SELECT concat(e.first_name, ' ', e.last_name), sum(i.total) FROM invoice i JOIN customer c USING (customer_id) JOIN employee e ON e.employee_id = c.support_rep_id WHERE i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01' GROUP BY 1",
            "chinook | support reps with more than 19 customers | SELECT concat(e.first_name, ' ', e.last_name), count(*) FROM customer c JOIN employee e ON e.employee_id = c.support_rep_id GROUP BY 1 HAVING count(*) > 19",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void theRowsPointedAtAreNamedAndSaid() {
        var p = TwoCatalogReaders.planned(t.chinookPlanner(), "revenue by support rep in 2024");
        assertEquals(List.of("employee.full_name", "employee.employee_id"), p.query().dimensions(), p.toString());
        assertEquals(1, p.assumptions().stream().filter(a -> a.startsWith("Grouped by employee")).count(), p.assumptions().toString());
    }
}
