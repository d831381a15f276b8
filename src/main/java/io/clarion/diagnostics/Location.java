package io.clarion.diagnostics;

/** Where something was declared in a file Clarion reads: file, 1-based line and column. */
public record Location(String file, int line, int column) implements Where {
    public static final Location UNKNOWN = new Location("<unknown>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
