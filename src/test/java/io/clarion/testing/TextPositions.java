package io.clarion.testing;

/** Where a piece of text is in a file, as issues report it, so tests need not hard-code positions. */
public final class TextPositions {
    private TextPositions() {
    }

    /** "line:column" of the first occurrence of {@code needle} in {@code text} (1-based). */
    public static String position(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) throw new AssertionError("\"" + needle + "\" is not in the text");
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        return line + ":" + column;
    }

    /** The line of the first occurrence of {@code needle}. */
    public static int line(String text, String needle) {
        return Integer.parseInt(position(text, needle).split(":")[0]);
    }

    /** The column of the first occurrence of {@code needle}. */
    public static int column(String text, String needle) {
        return Integer.parseInt(position(text, needle).split(":")[1]);
    }
}
