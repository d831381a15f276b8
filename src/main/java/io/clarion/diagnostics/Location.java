package io.clarion.diagnostics;

/** Where a catalog element was declared: file, 1-based line and column. */
public record Location(String file, int line, int column) {
    public static final Location UNKNOWN = new Location("<unknown>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
