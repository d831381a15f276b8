package io.clarion.cli;

import org.junit.jupiter.api.Test;

import static io.clarion.cli.QueryCommandGovernanceTest.clarion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --as-of} sets "today" for relative dates on the commands that answer questions, and the answer says which date it used. */
class ReferenceDateCommandTest {
    static final String LAST_MONTH = "{\"metrics\": [\"customers.new_customer_count\"], "
            + "\"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"last month\"}]}";

    @Test
    void queryReadsLastMonthFromTheGivenDate() {
        QueryCommandGovernanceTest.Run march = clarion("query", LAST_MONTH, "--format", "sql", "--as-of", "2026-03-31");
        assertEquals(0, march.exit(), march.out() + march.err());
        assertTrue(march.out().contains("2026-02-01"), "last month of 2026-03-31 starts 2026-02-01: " + march.out());
        QueryCommandGovernanceTest.Run june = clarion("query", LAST_MONTH, "--format", "sql", "--as-of", "2026-06-15");
        assertTrue(june.out().contains("2026-05-01"), june.out());
    }

    @Test
    void askSaysWhichDateItReadRelativeDatesFrom() {
        QueryCommandGovernanceTest.Run r = clarion("ask", "How many new customers signed up last month?", "--offline", "--format", "json",
                "--as-of", "2026-04-30");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("as of the reference date, 2026-04-30"), r.out());
    }

    @Test
    void aMalformedDateIsAPlainUsageError() {
        QueryCommandGovernanceTest.Run r = clarion("query", LAST_MONTH, "--as-of", "last tuesday");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--as-of wants a date such as 2024-12-31"), r.err());
    }
}
