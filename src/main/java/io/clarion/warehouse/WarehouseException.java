package io.clarion.warehouse;

/**
 * The warehouse could not answer: unreachable (503), too slow (504), or it rejected the SQL
 * the catalog produced (500: a catalog bug, reported without a stack trace).
 */
public class WarehouseException extends RuntimeException {
    public enum Kind { UNAVAILABLE, TIMEOUT, FAILED }

    private final Kind kind;

    public WarehouseException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
