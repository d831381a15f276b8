package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shapes a drafted catalog makes hard, on Chinook and on the demo catalog: an aggregate word over
 * a table's number column (drafted measures are called "&lt;column&gt;_avg"); spans of quarters,
 * months and years as one range; verbs of paying as the catalog's declared revenue; a second
 * grouping that is also a table's name; a table named beside a metric; counts written as words;
 * a value's abbreviation written in capitals.
 */
class ColumnsSpansAndJoinsTest {
    static OfflinePlanner chinook;
    static OfflinePlanner demo;

    @BeforeAll
    static void load() {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        QueryService q = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_columns_spans"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "columns-spans-mask-key");
        chinook = OfflinePlanner.create(q, DimensionValues.load(q), List.of());
        QueryService d = DemoEngine.queries();
        demo = OfflinePlanner.create(d, DimensionValues.load(d), List.of());
    }

    static MetricQuery query(String catalog, String question) {
        OfflinePlanner p = catalog.equals("chinook") ? chinook : demo;
        PlannerOutcome o = p.plan(question, Conversation.empty("shapes"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }

    static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | What was the mean invoice total during 2023?       | invoice.total_avg         | ",
            "chinook | Maximum track length in milliseconds per genre     | track.milliseconds_max    | genre.name",
            "chinook | Mean unit price of tracks for each genre           | track.unit_price_avg      | genre.name",
            "chinook | Mean number of invoice lines across all invoices   | lines_per_invoice         | ",
            "chinook | The smallest single invoice of 2022                | invoice.total_min         | ",
            "demo    | Mean seats purchased for each region               | customers.avg_seats       | customers.region",
            // A metric already named keeps its own aggregate.
            "demo    | Average health score by region                     | customer_health_score     | customers.region",
    })
    void anAggregateWordOverAColumnIsThatColumnsMeasure(String catalog, String question, String metric, String dims) {
        MetricQuery q = query(catalog, question);
        assertEquals(List.of(metric), q.metrics(), q.toString());
        assertEquals(list(dims), q.dimensions(), q.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | Invoice counts from q2 to q4 2023                   | 2023-q2 to 2023-q4",
            "chinook | Revenue 2021-2022 per billing country               | 2021 to 2022",
            "chinook | Revenue between 2022-05 and 2022-08                 | 2022-05 to 2022-08",
            "chinook | invoice count for 2022 and 2023                     | 2022 to 2023",
            "chinook | revenue in q3 2022 by billing country               | 2022-q3",
            "chinook | Revenue for q2\u2013q3 2024                          | 2024-q2 to 2024-q3",
            "demo    | Revenue by region and plan for 2025 and 2026        | 2025 to 2026",
            "demo    | Revenue per plan in q1 2026                         | 2026-q1",
            "demo    | Revenue by segment for q3\u2013q4 2025               | 2025-q3 to 2025-q4",
            "demo    | New customers between 2025-09 and 2026-02           | 2025-09 to 2026-02",
    })
    void aSpanOfPeriodsIsOneRange(String catalog, String question, String range) {
        MetricQuery q = query(catalog, question);
        List<MetricQuery.Filter> dates = q.filters().stream().filter(f -> "in_date_range".equals(f.operator())).toList();
        assertEquals(1, dates.size(), q.toString());
        assertEquals(range, dates.get(0).value().asText(), q.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | Which support rep has the customers who paid the most? | revenue              | employee.employee_id      | desc | 1",
            "chinook | Which 4 customers spent the least?                     | revenue              | customer.customer_id      | asc  | 4",
            "chinook | Show the five billing countries with the lowest revenue | revenue             | invoice.billing_country   | asc  | 5",
            "demo    | Which four customers spent the most in 2025?           | revenue              | customers.customer_name   | desc | 4",
            "demo    | Show the two industries with the most revenue          | revenue              | customers.industry        | desc | 2",
    })
    void payingVerbsAndCountWordsRankTheGroupNamed(String catalog, String question, String metric, String group, String dir, int limit) {
        MetricQuery q = query(catalog, question);
        assertEquals(List.of(metric), q.metrics(), q.toString());
        assertTrue(q.dimensions().contains(group), q.toString());
        assertEquals(dir, q.orderBy().get(0).direction(), q.toString());
        assertEquals(limit, q.limit(), q.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | Sales broken down by genre and by media type      | invoice_line.revenue  | genre.name, media_type.name",
            "chinook | What is the revenue of invoice lines per genre?   | invoice_line.revenue  | genre.name",
            "chinook | Number of employees for every office city         | employee.count        | employee.city",
            "demo    | Active customers by plan and segment              | customers.active_count | customers.plan, customers.segment",
            "demo    | How many customers sit in each geographic region? | customers.total_count  | customers.region",
    })
    void groupsAndTablesNamedBesideTheMetricAreKept(String catalog, String question, String metric, String dims) {
        MetricQuery q = query(catalog, question);
        assertEquals(List.of(metric), q.metrics(), q.toString());
        assertEquals(list(dims), q.dimensions(), q.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | Revenue by billing city in the UK     | customer.country | United Kingdom",
            "chinook | Invoice count from US buyers per year  | customer.country | USA",
            "demo    | Revenue by plan for NA customers       | customers.region | North America",
            // In lower case the same letters are a pronoun, not a value.
            "chinook | Show us revenue by billing country     |                  | ",
    })
    void capitalsAbbreviatingOneValueFilterOnIt(String catalog, String question, String dimension, String value) {
        MetricQuery q = query(catalog, question);
        List<MetricQuery.Filter> values = q.filters().stream().filter(f -> "equals".equals(f.operator())).toList();
        if (dimension == null) {
            assertEquals(List.of(), values, q.toString());
            return;
        }
        assertEquals(1, values.size(), q.toString());
        assertEquals(dimension, values.get(0).dimension(), q.toString());
        assertEquals(value, values.get(0).value().asText(), q.toString());
    }
}
