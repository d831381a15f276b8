package io.clarion.warehouse;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cells as people read them, by the catalog's formats; one rule per column. */
class ValueFormatterTest {
    static final QueryResult.Column REVENUE = new QueryResult.Column("invoices.revenue", "number", "currency");
    static final QueryResult.Column RATE = new QueryResult.Column("monthly_churn_rate", "number", "percentage");
    static final QueryResult.Column COUNT = new QueryResult.Column("customers.total_count", "number", "integer");
    static final QueryResult.Column MONTH = new QueryResult.Column("metric_time.month", "time", null);
    static final QueryResult.Column QUARTER = new QueryResult.Column("customers.created_at.quarter", "time", null);
    static final QueryResult.Column EMAIL = new QueryResult.Column("customers.email", "string", null);
    static final QueryResult.Column YEAR_NUMBER = new QueryResult.Column("track.year", "number", null);

    @Test
    void aCurrencyColumnReachingAThousandIsInWholeUnitsThroughout() {
        List<List<String>> f = ValueFormatter.rows(List.of(REVENUE), List.of(List.of(new BigDecimal("1234567.891")),
                List.of(new BigDecimal("303.96")), List.of(new BigDecimal("-1500.5"))));
        assertEquals(List.of(List.of("$1,234,568"), List.of("$304"), List.of("-$1,501")), f);
    }

    @Test
    void aSmallCurrencyColumnKeepsItsCents() {
        assertEquals(List.of(List.of("$523.06"), List.of("$5.00")),
                ValueFormatter.rows(List.of(REVENUE), List.of(List.of(new BigDecimal("523.06")), List.of(5))));
    }

    @Test
    void percentagesAreFractionsIntegersAreGroupedAndNullStaysNull() {
        List<Object> row = Arrays.asList(new BigDecimal("0.04215"), 12345L, null);
        assertEquals(List.of(Arrays.asList("4.2%", "12,345", null)),
                ValueFormatter.rows(List.of(RATE, COUNT, REVENUE), List.of(row)));
    }

    @Test
    void timeValuesReadAtTheirGrain() {
        assertEquals(List.of(List.of("2026-05", "2026-Q2")),
                ValueFormatter.rows(List.of(MONTH, QUARTER), List.of(List.of("2026-05-01", "2026-04-01T00:00"))));
        QueryResult.Column day = new QueryResult.Column("tickets.opened_at", "time", null);
        assertEquals("2026-05-03", ValueFormatter.value(day, "2026-05-03T00:00"));
        assertEquals("2026-05-03 14:30", ValueFormatter.value(day, "2026-05-03T14:30:12"));
    }

    @Test
    void maskedTextAndUnformattedNumbersPassThrough() {
        assertEquals(List.of(List.of("pii_3f9a", "2024")),
                ValueFormatter.rows(List.of(EMAIL, YEAR_NUMBER), List.of(List.of("pii_3f9a", 2024))));
        // A masked value in a number column is not a number: it is shown as masked.
        assertEquals("[redacted]", ValueFormatter.value(REVENUE, "[redacted]"));
    }
}
