package io.clarion.engine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;

/**
 * "Today" for relative dates: clarion.reference-date if set, else the data set's
 * dataset_info.as_of, else the calendar date.
 */
public final class ReferenceDate {
    private ReferenceDate() {
    }

    public static LocalDate resolve(Optional<LocalDate> configured, DataSource ds) {
        if (configured.isPresent()) return configured.get();
        return datasetAsOf(ds).orElse(LocalDate.now());
    }

    /**
     * "Today" for a long-running server: a configured date stays; otherwise it is looked up again
     * at most once a minute, so a weekly job in a server that has run for days (or a data set
     * reloaded under it) gets the current date, not the one it started with.
     */
    public static java.util.function.Supplier<LocalDate> live(Optional<LocalDate> configured, DataSource ds) {
        if (configured.isPresent()) return configured::get;
        LocalDate first = resolve(configured, ds);
        return new java.util.function.Supplier<>() {
            private LocalDate value = first;
            private long readAt = System.nanoTime();

            @Override
            public synchronized LocalDate get() {
                if (System.nanoTime() - readAt > 60_000_000_000L) {
                    value = resolve(configured, ds);
                    readAt = System.nanoTime();
                }
                return value;
            }
        };
    }

    public static Optional<LocalDate> datasetAsOf(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('dataset_info') IS NOT NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) return Optional.empty();
            }
            try (ResultSet rs = s.executeQuery("SELECT max(as_of) FROM dataset_info")) {
                if (rs.next() && rs.getDate(1) != null) return Optional.of(rs.getDate(1).toLocalDate());
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
