package io.clarion.warehouse.check;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;

/** What the live check found; {@link #error()} codes fail validation, the others are warnings. */
public enum WarehouseCheckCode implements Code {
    MISSING_TABLE(true), MISSING_COLUMN(true), SQL_ERROR(true), DUPLICATE_KEY(true), INCOMPATIBLE_TYPES(true),
    NOT_A_DATE(true), ROW_FILTER_INVALID(true),
    /** the key was checked on a bounded sample of a large table only */
    KEY_CHECK_BOUNDED(false),
    /** a cube without a primary key: correct counts, but no distinct counts across joins */
    NO_PRIMARY_KEY(false);

    private final boolean error;

    WarehouseCheckCode(boolean error) {
        this.error = error;
    }

    public boolean error() {
        return error;
    }

    @Override
    public String key() {
        return Code.keyOf(this);
    }

    @Override
    public Blame blame() {
        return Blame.USER;
    }
}
