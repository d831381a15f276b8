package io.clarion.demo;

import java.time.LocalDate;

/** What the demo generator makes: same seed, scale and as-of date give the same rows. */
public record DemoSpec(long seed, int scale, LocalDate asOf) {
    public DemoSpec {
        if (scale <= 0) throw new IllegalArgumentException("scale must be a positive number of customers, got " + scale);
        if (asOf == null) throw new IllegalArgumentException("as_of is required");
    }
}
