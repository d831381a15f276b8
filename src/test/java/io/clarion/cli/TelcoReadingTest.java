package io.clarion.cli;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.engine.QueryService;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline reader on a catalog nobody here wrote synonyms for: the IBM Telco churn table as
 * {@code clarion init} drafts it (one table named telco_customer_churn, keyed by customer_id,
 * churn stored as Yes/No), only certified by its owner. "customers" are the table's rows (its
 * key's noun), "churned" is the rows whose churn column holds yes, "month-to-month" is a contract
 * value, not rows per month; each answer is checked against hand-written SQL.
 */
class TelcoReadingTest {
    @TempDir
    static Path dir;
    static DataSource telco;
    static QueryService queries;
    static OfflinePlanner planner;

    @BeforeAll
    static void draft() {
        telco = Datasets.telco(Datasets.TELCO);
        Path out = dir.resolve("telco");
        InitCommandTest.Run r = InitCommandTest.init(Datasets.TELCO, out);
        if (r.exit() != 0) throw new AssertionError(r.err());
        TelcoChurnModelTest.certify(out.resolve("telco_customer_churn.yml"));
        Catalog c = CatalogLoader.load(out).catalog();
        queries = new QueryService(c, telco, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 1, 1), 10_000, Duration.ofSeconds(60));
        planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "how many customers have churned | SELECT count(*) FROM telco_customer_churn WHERE churn = 'Yes'",
            "count the customers on file | SELECT count(*) FROM telco_customer_churn",
            "churned customers per payment method | SELECT payment_method, count(*) FROM telco_customer_churn WHERE churn = 'Yes' GROUP BY 1",
            "average tenure of the customers who churned | SELECT avg(tenure) FROM telco_customer_churn WHERE churn = 'Yes'",
            "which contract has the most customers | SELECT contract, count(*) FROM telco_customer_churn GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            "average monthly charges on month-to-month contracts | SELECT avg(monthly_charges) FROM telco_customer_churn WHERE contract = 'Month-to-month'",
            "how many customers have a tenure above 48 months | SELECT count(*) FROM telco_customer_churn WHERE tenure > 48",
            "what share of customers churned | SELECT avg(CASE WHEN churn = 'Yes' THEN 1.0 ELSE 0 END) FROM telco_customer_churn",
            "top 5 customers by total charges | SELECT customer_id, total_charges FROM telco_customer_churn WHERE total_charges IS NOT NULL ORDER BY total_charges DESC LIMIT 5",
            "average monthly charges per internet service | SELECT internet_service, avg(monthly_charges) FROM telco_customer_churn GROUP BY 1",
    })
    void answersLikeHandWrittenSql(String question, String sql) throws Exception {
        PlannerOutcome o = planner.plan(question, Conversation.empty("telco"));
        PlannerOutcome.Planned p = assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o);
        List<List<Object>> gold = Datasets.rows(telco, sql);
        List<List<Object>> answer = queries.run(p.query(), QueryService.Options.DEFAULT).result().rows();
        Optional<String> diff = ResultComparison.mismatch(gold, answer, false);
        assertTrue(!gold.isEmpty() && diff.isEmpty(), p.query() + ": " + answer + " vs " + gold + " " + diff.orElse(""));
    }
}
