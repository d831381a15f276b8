package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.time.LocalDate;

/**
 * The catalog's "today" for relative dates ({@code reference_date:} at the top of a catalog file):
 * a fixed date, for data that ends in the past and does not move, or the latest value of a time
 * dimension ({@code {latest: invoice.invoice_date}}), for data loaded now and then. Exactly one of
 * {@code fixed} and {@code latest} is set.
 *
 * @param latest the full name of a time dimension
 */
public record ReferenceDateRule(LocalDate fixed, String latest, Location location) {
    public ReferenceDateRule {
        if ((fixed == null) == (latest == null)) throw new IllegalArgumentException("a fixed date or a time dimension, not both");
    }

    /** How people read it: "2024-12-31 (fixed in the catalog)", "the latest invoice.invoice_date". */
    public String describe() {
        return fixed != null ? fixed + " (fixed in the catalog)" : "the latest " + latest + " in the data";
    }
}
