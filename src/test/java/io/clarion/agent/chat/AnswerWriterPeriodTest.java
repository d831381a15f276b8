package io.clarion.agent.chat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.query.DateRange;
import io.clarion.query.MetricQuery;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The answer names its period as dates, flags a period still running, and names its filters; counted groups are one number. */
class AnswerWriterPeriodTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    static String period(String phrase) {
        return AnswerWriter.period(new MetricQuery(List.of("m"), List.of(), List.of(new MetricQuery.Filter("metric_time", null,
                "in_date_range", JsonNodeFactory.instance.textNode(phrase), null)), List.of(), List.of(), null, null, null, null, null, null), TODAY);
    }

    @Test
    void relativePeriodsAreNamedAsTheDatesTheyCover() {
        assertEquals(" for May 2026", period("last month"));
        assertEquals(" for Q1 2026 (January–March 2026)", period("last quarter"));
        assertEquals(" for 2025", period("last year"));
        assertEquals(" for November 2025", period("2025-11"));
        assertEquals(" for 17 May – 15 June 2026", period("last 30 days"));
    }

    @Test
    void periodsSideBySideAreEachNamedAndNotRepeatedAsAFilter() {
        MetricQuery q = new MetricQuery(List.of("m"), List.of("metric_time.quarter"), List.of(new MetricQuery.Filter("metric_time", null,
                "in_periods", null, List.of(JsonNodeFactory.instance.textNode("2025-q1"), JsonNodeFactory.instance.textNode("2026-q1")))),
                List.of(), List.of(), null, null, null, null, null, null);
        assertEquals(" for Q1 2025 (January–March 2025) and Q1 2026 (January–March 2026)", AnswerWriter.period(q, TODAY));
        assertEquals("", AnswerWriter.conditions(io.clarion.testing.DemoEngine.catalog(), q));
    }

    @Test
    void aPeriodStillRunningIsFlaggedAsPartial() {
        assertEquals(" for June 2026 so far (1 June – 15 June 2026, a partial period)", period("this month"));
        assertEquals(" for 2026 so far (1 January – 15 June 2026, a partial period)", period("this year"));
    }

    @Test
    void aPhraseWithoutAReferenceDateIsShownAsAsked() {
        assertEquals(" for last month", AnswerWriter.period(new MetricQuery(List.of("m"), List.of(), List.of(new MetricQuery.Filter(
                "metric_time", null, "in_date_range", JsonNodeFactory.instance.textNode("last month"), null)),
                List.of(), List.of(), null, null, null, null, null, null), null));
        assertEquals("May 2026", AnswerWriter.dates(new DateRange(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1)), TODAY));
    }

    @Test
    void onlyAPeriodNotAppliedIsRepeatedInTheSentence() {
        String said = AnswerWriter.unappliedPeriods(List.of("Read \"sales\" as revenue.",
                "The period \"last year\" was not applied: stock.on_hand is a current-state number with no date, so this is its value today."));
        assertEquals(" The period \"last year\" was not applied: stock.on_hand is a current-state number with no date, so this is its value today.", said);
        assertEquals("", AnswerWriter.unappliedPeriods(List.of("Read \"sales\" as revenue.")));
    }

    @Test
    void countedGroupsAreSaidAsOneNumber() {
        MetricQuery q = new MetricQuery(List.of("support_tickets.open_tickets"), List.of("customers.customer_id"),
                List.of(new MetricQuery.Filter(null, "support_tickets.open_tickets", "gt", JsonNodeFactory.instance.numberNode(3), null)),
                List.of(), List.of(), null, null, null, List.of(new MetricQuery.Analysis("count_groups", null, null, null, null, null)), null, null);
        io.clarion.warehouse.QueryResult r = new io.clarion.warehouse.QueryResult(
                List.of(new io.clarion.warehouse.QueryResult.Column("count_of_customer", "number", "integer")), List.of(List.of(8L)), false, 0);
        String answer = AnswerWriter.write(io.clarion.testing.DemoEngine.catalog(), q, r, TODAY);
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("Count of customer is 8"), answer);
    }
}
