package io.clarion.agent.language;

/** Numbers as people write them in questions: "1,200", "5k", "2.5m", "40%". */
public final class Numbers {
    private Numbers() {
    }

    /** The value of digits with an optional k/m suffix; a percent is a fraction (ratios are fractions). */
    public static double parse(String digits, String suffix, String percent) {
        double v = Double.parseDouble(digits.replace(",", ""));
        if ("k".equals(suffix)) v *= 1_000;
        if ("m".equals(suffix)) v *= 1_000_000;
        if ("%".equals(suffix) || percent != null) v /= 100;
        return v;
    }

    /** "top 99999999999" is read as the largest int rather than failing; the query's row cap then applies. */
    public static int boundedCount(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        return d.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(d);
    }
}
