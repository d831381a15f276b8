package io.clarion.store;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where Clarion keeps its own state (audit log, briefings, feedback, scheduler, secrets):
 * {@code clarion.store.jdbc-url} with its user and password; without one, Clarion's own
 * embedded PostgreSQL (see {@link Store#open}).
 */
public record StoreSettings(Optional<String> jdbcUrl, String username, String password) {
    public static final String JDBC_URL_KEY = "clarion.store.jdbc-url";

    public static StoreSettings from(Function<String, Optional<String>> lookup) {
        return new StoreSettings(lookup.apply(JDBC_URL_KEY).map(String::strip).filter(s -> !s.isEmpty()),
                lookup.apply("clarion.store.username").orElse("postgres"),
                lookup.apply("clarion.store.password").orElse(""));
    }
}
