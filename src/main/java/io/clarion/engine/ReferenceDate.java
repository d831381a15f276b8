package io.clarion.engine;

import io.clarion.catalog.model.ReferenceDateRule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Today" for relative dates, and where it came from, first that applies: clarion.reference-date
 * (or --as-of), the catalog's {@code reference_date} (a fixed date, or the latest value of a time
 * dimension), the demo data set's dataset_info.as_of, else the calendar date. Answers say which,
 * so "0 for last quarter" on data that ends in the past reads as what it is.
 *
 * <p>For a long-running server a date that can move (the latest value in the data, dataset_info,
 * the calendar) is looked up again at most once a minute, so a weekly job in a server that has run
 * for days (or a data set reloaded under it) gets the current date, not the one it started with.
 */
public final class ReferenceDate implements Supplier<LocalDate> {
    /**
     * The date and, for people, where it came from. {@code problem} is set when the date the
     * catalog or data set was meant to give could not be read: {@code date} is then the calendar's,
     * and a query with a relative date is refused with the problem and its fixes rather than
     * answered for a date nobody chose.
     */
    public record Resolved(LocalDate date, String source, String problem) {
        Resolved(LocalDate date, String source) {
            this(date, source, null);
        }
    }

    /** How to set the reference date, for messages: every place it can come from. */
    public static final String FIXES = io.clarion.query.DateRange.REFERENCE_DATE_FIXES;

    private final Optional<LocalDate> configured;
    private final Optional<ReferenceDateRule> rule;
    private final DataSource ds;
    private final Function<String, Optional<LocalDate>> latest;
    private Resolved value;
    private long readAt;

    /** @param latest the latest date of a time dimension (full name) in the data, empty when there is none */
    public ReferenceDate(Optional<LocalDate> configured, Optional<ReferenceDateRule> rule, DataSource ds,
                         Function<String, Optional<LocalDate>> latest) {
        this.configured = configured;
        this.rule = rule;
        this.ds = ds;
        this.latest = latest;
    }

    @Override
    public LocalDate get() {
        return resolved().date();
    }

    public String source() {
        return resolved().source();
    }

    /** Why the intended date could not be read, or null when it was (or none was intended: the calendar). */
    public String problem() {
        return resolved().problem();
    }

    public synchronized Resolved resolved() {
        if (value == null || (!fixed() && System.nanoTime() - readAt > 60_000_000_000L)) {
            value = resolveNow();
            readAt = System.nanoTime();
        }
        return value;
    }

    private boolean fixed() {
        return configured.isPresent() || rule.map(r -> r.fixed() != null).orElse(false);
    }

    private Resolved resolveNow() {
        if (configured.isPresent()) return new Resolved(configured.get(), "set by clarion.reference-date or --as-of");
        if (rule.isPresent()) {
            ReferenceDateRule r = rule.get();
            if (r.fixed() != null) return new Resolved(r.fixed(), "the catalog's reference_date");
            Optional<LocalDate> l = latest.apply(r.latest());
            if (l.isPresent()) return new Resolved(l.get(), "the latest " + r.latest() + " in the data (the catalog's reference_date)");
            LocalDate today = LocalDate.now();
            return new Resolved(today, "today: the catalog's reference_date reads the latest " + r.latest() + ", which has no value",
                    "the catalog's reference_date reads the latest " + r.latest() + ", which has no value in the data");
        }
        DatasetDate asOf = datasetDate(ds);
        if (asOf.date().isPresent()) return new Resolved(asOf.date().get(), "the data set's own date (dataset_info.as_of)");
        if (asOf.problem() != null) return new Resolved(LocalDate.now(), "today: " + asOf.problem(), asOf.problem());
        return new Resolved(LocalDate.now(), "today: no reference date is set (for data that ends in the past, " + FIXES + ")");
    }

    public static LocalDate resolve(Optional<LocalDate> configured, DataSource ds) {
        if (configured.isPresent()) return configured.get();
        return datasetAsOf(ds).orElse(LocalDate.now());
    }

    public static Optional<LocalDate> datasetAsOf(DataSource ds) {
        return datasetDate(ds).date();
    }

    /** dataset_info's date; none and no problem when there is no such table, a problem when it is there but gives no date. */
    record DatasetDate(Optional<LocalDate> date, String problem) {
    }

    static DatasetDate datasetDate(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('dataset_info') IS NOT NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) return new DatasetDate(Optional.empty(), null);
            }
        } catch (SQLException e) {
            // The warehouse cannot be asked now: the calendar, as with no table (queries say where the date came from).
            return new DatasetDate(Optional.empty(), null);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(as_of) FROM dataset_info")) {
            if (rs.next() && rs.getDate(1) != null) return new DatasetDate(Optional.of(rs.getDate(1).toLocalDate()), null);
            return new DatasetDate(Optional.empty(), "the table dataset_info has no as_of date");
        } catch (SQLException e) {
            // The database's own words stay in the log: answers carry no SQL error text.
            org.jboss.logging.Logger.getLogger(ReferenceDate.class).warnf("cannot read dataset_info.as_of: %s", e.getMessage());
            return new DatasetDate(Optional.empty(), "the table dataset_info has no readable as_of date");
        }
    }
}
