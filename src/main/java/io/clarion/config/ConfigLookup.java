package io.clarion.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Configuration for command-line runs, with the server's precedence: system properties, then
 * environment variables (clarion.warehouse.jdbc-url as CLARION_WAREHOUSE_JDBC_URL), then the
 * packaged application.properties.
 */
public final class ConfigLookup implements Function<String, Optional<String>> {
    private final Properties packaged = new Properties();

    public ConfigLookup() {
        try (InputStream in = ConfigLookup.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) packaged.load(in);
        } catch (IOException e) {
            // no packaged defaults: system properties and environment still apply
        }
    }

    @Override
    public Optional<String> apply(String key) {
        String v = System.getProperty(key);
        if (v == null) v = System.getenv(envName(key));
        if (v == null) v = packaged.getProperty(key);
        return Optional.ofNullable(v).map(String::strip).filter(s -> !s.isEmpty());
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
