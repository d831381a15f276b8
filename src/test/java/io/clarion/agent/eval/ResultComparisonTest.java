package io.clarion.agent.eval;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultComparisonTest {
    private static List<List<Object>> rows(Object[]... rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : rows) out.add(Arrays.asList(r));
        return out;
    }

    @Test
    void unorderedRowsAndExtraColumns() {
        var gold = rows(new Object[]{"smb", 10L}, new Object[]{"enterprise", 2L});
        var answer = rows(new Object[]{"enterprise", "x", new BigDecimal("2")}, new Object[]{"smb", "y", new BigDecimal("10")});
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty());
        assertFalse(ResultComparison.mismatch(gold, answer, true).isEmpty(), "order counts when ordered");
    }

    @Test
    void numericTolerance() {
        assertTrue(ResultComparison.valueMatches(new BigDecimal("1000"), new BigDecimal("1004.9")));
        assertFalse(ResultComparison.valueMatches(new BigDecimal("1000"), new BigDecimal("1006")));
        assertTrue(ResultComparison.valueMatches(new BigDecimal("0.001"), new BigDecimal("0.009")));
        assertFalse(ResultComparison.valueMatches(new BigDecimal("0.021"), new BigDecimal("2.1")), "ratios are fractions");
    }

    @Test
    void datesByCalendarDay() {
        assertTrue(ResultComparison.valueMatches(java.sql.Date.valueOf("2026-01-01"), "2026-01-01"));
        assertTrue(ResultComparison.valueMatches(java.sql.Timestamp.valueOf("2026-01-01 00:00:00"), "2026-01-01"));
        assertFalse(ResultComparison.valueMatches(java.sql.Date.valueOf("2026-01-01"), "2026-02-01"));
    }

    @Test
    void rowCountAndPairingMatter() {
        var gold = rows(new Object[]{"a", 1L}, new Object[]{"b", 2L});
        assertFalse(ResultComparison.mismatch(gold, rows(new Object[]{"a", 1L}), false).isEmpty());
        // same column multisets, different pairing
        assertFalse(ResultComparison.mismatch(gold, rows(new Object[]{"a", 2L}, new Object[]{"b", 1L}), false).isEmpty());
        assertTrue(ResultComparison.mismatch(rows(new Object[]{null}), rows(new Object[]{null}), false).isEmpty());
    }
}
