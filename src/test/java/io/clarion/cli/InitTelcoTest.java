package io.clarion.cli;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.engine.QueryService;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clarion init} on the IBM Telco churn table (one table, no declared key, Yes/No text
 * columns): the draft validates live with no edits and its churn share equals hand SQL.
 */
class InitTelcoTest {
    @Test
    void draftAnswersTheChurnShareAsHandSqlDoes(@TempDir Path dir) throws Exception {
        DataSource telco = Datasets.telco(Datasets.TELCO);
        Path out = dir.resolve("telco");
        InitCommandTest.Run r = InitCommandTest.init(Datasets.TELCO, out);
        assertEquals(0, r.exit(), r.err());
        InitCommandTest.Run v = InitCommandTest.validate(Datasets.TELCO, out);
        assertEquals(0, v.exit(), v.out() + v.err());

        Catalog c = CatalogLoader.load(out).catalog();
        // No key is declared: customer_id was counted unique (7,043 rows, 7,043 values), so it is the key.
        assertEquals("customer_id", c.cube("telco_customer_churn").orElseThrow().primaryKey().orElseThrow().name());
        assertTrue(c.measure("telco_customer_churn.monthly_charges_sum").isPresent());
        assertTrue(c.measure("telco_customer_churn.tenure_avg").isPresent());
        assertFalse(c.measure("telco_customer_churn.senior_citizen_sum").isPresent(), "a 0/1 flag is not an amount");
        String churn = c.dimension("telco_customer_churn.churn").orElseThrow().info().description();
        assertTrue(churn.contains("No (5174)") && churn.contains("Yes (1869)"), churn);

        QueryService q = new QueryService(c, telco, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 1, 1), 10_000, Duration.ofSeconds(60));
        String share = "{\"metrics\": [\"telco_customer_churn.count\"], \"dimensions\": [\"telco_customer_churn.churn\"], "
                + "\"analysis\": [{\"type\": \"percent_of_total\", \"metric\": \"telco_customer_churn.count\"}]}";
        List<List<Object>> answer = q.run(QueryParser.parse(share), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(telco,
                "SELECT churn, count(*), count(*) * 1.0 / sum(count(*)) OVER () FROM telco_customer_churn GROUP BY 1");
        Optional<String> diff = ResultComparison.mismatch(gold, answer, false);
        assertTrue(diff.isEmpty(), diff.orElse("") + "\nanswer: " + answer + "\ngold: " + gold);

        // And the churn share among month-to-month contracts, filtered on a drafted dimension.
        String monthly = "{\"metrics\": [\"telco_customer_churn.count\", \"telco_customer_churn.monthly_charges_sum\"], "
                + "\"dimensions\": [\"telco_customer_churn.churn\"], \"filters\": [{\"dimension\": \"telco_customer_churn.contract\", "
                + "\"operator\": \"equals\", \"value\": \"Month-to-month\"}], "
                + "\"analysis\": [{\"type\": \"percent_of_total\", \"metric\": \"telco_customer_churn.count\"}]}";
        answer = q.run(QueryParser.parse(monthly), QueryService.Options.DEFAULT).result().rows();
        gold = Datasets.rows(telco, "SELECT churn, count(*), sum(monthly_charges), "
                + "count(*) * 1.0 / sum(count(*)) OVER () FROM telco_customer_churn WHERE contract = 'Month-to-month' GROUP BY 1");
        diff = ResultComparison.mismatch(gold, answer, false);
        assertTrue(diff.isEmpty(), diff.orElse("") + "\nanswer: " + answer + "\ngold: " + gold);
        assertTrue(Files.readString(out.resolve("README.md")).contains("telco_customer_churn"));
    }
}
