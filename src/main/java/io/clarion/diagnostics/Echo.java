package io.clarion.diagnostics;

/**
 * A caller's input quoted back in an error message, cut to a few dozen characters: a 1 MB value
 * is not echoed into the response, the log or the audit row.
 */
public final class Echo {
    static final int MAX = 60;

    private Echo() {
    }

    public static String cap(String s) {
        if (s == null) return null;
        return s.length() <= MAX ? s : s.substring(0, MAX) + "… (" + s.length() + " characters)";
    }
}
