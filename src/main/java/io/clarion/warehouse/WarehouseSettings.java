package io.clarion.warehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the warehouse is and how queries run on it. With no {@code jdbcUrl}, Clarion starts an
 * embedded PostgreSQL with its data under {@code home}/pgdata. With {@code besideRunningServer}
 * (the command line), an embedded PostgreSQL that a running Clarion already serves from that
 * folder is used instead of refusing to start a second one.
 */
public record WarehouseSettings(Optional<String> jdbcUrl, String username, String password, Path home,
                                Duration statementTimeout, int rowCap, Optional<LocalDate> referenceDate,
                                DemoData demo, boolean besideRunningServer) {

    /** The demo data set loaded on first start of the embedded warehouse. */
    public record DemoData(boolean load, long seed, int scale, Optional<LocalDate> asOf) {
    }

    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    /** The same settings for Clarion's own embedded PostgreSQL under {@code home}, never loading demo data. */
    public WarehouseSettings embeddedInstead() {
        return new WarehouseSettings(Optional.empty(), "postgres", "", home, statementTimeout, rowCap, referenceDate,
                new DemoData(false, demo.seed(), demo.scale(), demo.asOf()), besideRunningServer);
    }

    /** Reads settings through {@code lookup} (config properties such as clarion.warehouse.jdbc-url). */
    public static WarehouseSettings from(java.util.function.Function<String, Optional<String>> lookup) {
        Path home = lookup.apply("clarion.home").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".clarion"));
        return new WarehouseSettings(
                lookup.apply("clarion.warehouse.jdbc-url").filter(s -> !s.isBlank()),
                lookup.apply("clarion.warehouse.username").orElse("postgres"),
                lookup.apply("clarion.warehouse.password").orElse(""),
                home,
                Duration.ofSeconds(lookup.apply("clarion.query.timeout-seconds").map(Long::parseLong).orElse(30L)),
                lookup.apply("clarion.query.row-cap").map(Integer::parseInt).orElse(10_000),
                lookup.apply("clarion.reference-date").filter(s -> !s.isBlank()).map(LocalDate::parse),
                new DemoData(
                        lookup.apply("clarion.demo.load").map(Boolean::parseBoolean).orElse(true),
                        lookup.apply("clarion.demo.seed").map(Long::parseLong).orElse(42L),
                        lookup.apply("clarion.demo.scale").map(Integer::parseInt).orElse(5_000),
                        lookup.apply("clarion.demo.as-of").filter(s -> !s.isBlank()).map(LocalDate::parse)),
                lookup.apply("clarion.warehouse.beside-running-server").map(Boolean::parseBoolean).orElse(false));
    }
}
