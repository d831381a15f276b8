package io.clarion.catalog.model;

import java.util.Locale;
import java.util.Optional;

/** Time granularities a time dimension can be truncated to. */
public enum Grain {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Grain> parse(String s) {
        for (Grain g : values()) {
            if (g.key().equalsIgnoreCase(s)) return Optional.of(g);
        }
        return Optional.empty();
    }
}
