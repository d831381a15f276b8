package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The point of view a question is asked from is not a filter; "taking every row we have" leaves
 * no date out; "across" before a value is the scope, as "for" is; rows "opened" in a period are
 * dated by their opening, not limited to the open status; "thru 2025" after a grain is that
 * year; "hrs" is hours; a gerund may link rows to a threshold ("playlists holding between 30 and 60
 * tracks"). Demo today 15 June 2026.
 */
class ViewpointsScopesAndOpenedRowsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_viewpoints");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | From a finance perspective, what is revenue across our mid-market accounts? | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND c.segment = 'mid-market'",
            "demo    | nps for smb customers, counting every response we have | SELECT 100.0 * (count(*) FILTER (WHERE n.score >= 9) - count(*) FILTER (WHERE n.score <= 6)) / count(*) FROM nps_responses n JOIN customers c USING (customer_id) WHERE c.segment = 'smb'",
            "demo    | how many outage tickets were opened in 2025 | SELECT count(*) FROM support_tickets WHERE category = 'outage' AND created_at >= '2025-01-01' AND created_at < '2026-01-01'",
            "demo    | churned customers per quarter thru 2025 | SELECT date_trunc('quarter', churned_at)::date, count(*) FROM customers WHERE churned_at >= '2025-01-01' AND churned_at < '2026-01-01' GROUP BY 1",
            "chinook | playlists holding between 30 and 60 tracks | SELECT p.name, p.playlist_id, count(*) FROM playlist_track pt JOIN playlist p USING (playlist_id) GROUP BY 1, 2 HAVING count(*) BETWEEN 30 AND 60",
            "demo    | avg hrs to resolve high priority tickets | SELECT avg(extract(epoch FROM resolved_at - created_at) / 3600) FROM support_tickets WHERE priority = 'high' AND resolved_at IS NOT NULL",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }
}
