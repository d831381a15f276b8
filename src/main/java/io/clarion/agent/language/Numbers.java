package io.clarion.agent.language;

/** Numbers as people write them in questions: "1,200", "5k", "2.5m", "40%". */
public final class Numbers {
    /** Counts written as words; "one" is left out ("which one has the most" asks for no count). */
    public static final java.util.Map<String, Integer> WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("two", 2), java.util.Map.entry("three", 3), java.util.Map.entry("four", 4),
            java.util.Map.entry("five", 5), java.util.Map.entry("six", 6), java.util.Map.entry("seven", 7),
            java.util.Map.entry("eight", 8), java.util.Map.entry("nine", 9), java.util.Map.entry("ten", 10),
            java.util.Map.entry("eleven", 11), java.util.Map.entry("twelve", 12), java.util.Map.entry("fifteen", 15),
            java.util.Map.entry("twenty", 20), java.util.Map.entry("thirty", 30), java.util.Map.entry("forty", 40),
            java.util.Map.entry("fifty", 50), java.util.Map.entry("hundred", 100));

    private Numbers() {
    }

    /** The value of digits with an optional k/m suffix; a percent is a fraction (ratios are fractions). */
    public static double parse(String digits, String suffix, String percent) {
        Integer word = WORDS.get(digits);
        double v = word != null ? word : Double.parseDouble(digits.replace(",", ""));
        if ("k".equals(suffix)) v *= 1_000;
        if ("m".equals(suffix)) v *= 1_000_000;
        if ("%".equals(suffix) || percent != null) v /= 100;
        return v;
    }

    /** "top 99999999999" is read as the largest int rather than failing; the query's row cap then applies. */
    public static int boundedCount(String digits) {
        Integer word = WORDS.get(digits);
        if (word != null) return word;
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        return d.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(d);
    }
}
