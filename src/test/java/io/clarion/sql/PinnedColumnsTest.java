package io.clarion.sql;

import io.clarion.catalog.model.SqlTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PinnedColumnsTest {
    private static Optional<String> pinned(String sql) {
        return PinnedColumns.pinned(SqlTemplate.parse(sql, "snap", new ArrayList<>()), "snap");
    }

    @Test
    void anEqualityWithABoundDateOrLiteralPinsTheColumn() {
        assertEquals(Optional.of("period"), pinned("{CUBE}.period = date_trunc('month', CAST({AS_OF} AS date))::date"));
        assertEquals(Optional.of("kind"), pinned("{CUBE}.kind = 'won''t'"));
        assertEquals(Optional.of("day"), pinned("{CUBE}.day = CAST({PERIOD_START} AS date) - interval '1 day'"));
        assertEquals(Optional.of("at"), pinned("{CUBE}.at = CAST({AS_OF} AS timestamp with time zone)"));
        assertEquals(Optional.of("at"), pinned("{CUBE}.at = DATE '2026-01-01'::timestamp"));
    }

    @Test
    void anythingThatCanDifferFromRowToRowPinsNothing() {
        assertEquals(Optional.empty(), pinned("{CUBE}.period = other_period"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period = {CUBE}.other_period"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period = DATE '2026-01-01' OR (true)"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period = DATE '2026-01-01' AND {CUBE}.x > 1"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period = (SELECT max(p) FROM t)"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period = date_trunc('month', now() - random() * interval '1 day')"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period >= DATE '2026-01-01'"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period IS NULL"));
        // A column that happens to be called like a type is still a column.
        assertEquals(Optional.empty(), pinned("{CUBE}.period = date"));
        assertEquals(Optional.empty(), pinned("{CUBE}.period = date_trunc('month', date)"));
        assertEquals(Optional.empty(), PinnedColumns.pinned(SqlTemplate.parse("{CUBE}.period = DATE '2026-01-01'", "other", new ArrayList<>()), "snap"));
    }
}
