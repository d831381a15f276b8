package io.clarion.sql;

import io.clarion.catalog.model.SqlTemplate;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a measure filter of the form {@code {CUBE}.col = <value>} whose value cannot differ from
 * one row to the next: then every row the measure aggregates has the same {@code col}, and a key
 * that includes {@code col} needs the rest of its columns only to tell rows apart. Conservative:
 * any shape it cannot prove constant (a bare column, OR, a subquery, a volatile function) is
 * read as not pinning anything, which only keeps a de-duplication that was not needed.
 */
final class PinnedColumns {
    private static final Pattern QUALIFIED_COLUMN = Pattern.compile("^\\.\"?([A-Za-z_][A-Za-z0-9_]*)\"?");
    private static final Pattern EQUALS = Pattern.compile("^\\s*=\\s*");
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words of a type name in a cast or a typed literal. */
    private static final Set<String> TYPE_WORDS = Set.of("date", "timestamp", "timestamptz", "interval", "time", "zone",
            "with", "without", "integer", "int", "bigint", "smallint", "numeric", "decimal", "text", "varchar", "boolean");
    /** Functions whose value changes from row to row even with constant arguments. */
    private static final Set<String> VOLATILE = Set.of("random", "clock_timestamp", "timeofday", "nextval",
            "gen_random_uuid", "setseed", "currval", "lastval");
    /** Words that join conditions, test rows or open a subquery: the filter is more than one equality. */
    private static final Set<String> CONNECTIVES = Set.of("and", "or", "not", "is", "in", "like", "ilike", "between",
            "case", "when", "select", "from", "where", "exists", "any", "all", "some", "over", "filter");

    private PinnedColumns() {
    }

    /** The column of {@code cube} that {@code filter} pins to one value, if it does. */
    static Optional<String> pinned(SqlTemplate filter, String cube) {
        var parts = filter.parts();
        String column;
        String rest;
        int next;
        if (parts.size() >= 2 && parts.get(0) instanceof SqlTemplate.CubeRef ref && ref.cube().equals(cube)
                && parts.get(1) instanceof SqlTemplate.Text t) {
            // {CUBE}.col = ...
            Matcher c = QUALIFIED_COLUMN.matcher(t.sql());
            if (!c.find()) return Optional.empty();
            column = c.group(1);
            rest = t.sql().substring(c.end());
            next = 2;
        } else if (parts.size() >= 2 && parts.get(0) instanceof SqlTemplate.Column col && col.cube().equals(cube)
                && parts.get(1) instanceof SqlTemplate.Text t) {
            column = col.column();
            rest = t.sql();
            next = 2;
        } else {
            return Optional.empty();
        }
        Matcher eq = EQUALS.matcher(rest);
        if (!eq.find()) return Optional.empty();
        StringBuilder value = new StringBuilder(rest.substring(eq.end()));
        for (int i = next; i < parts.size(); i++) {
            SqlTemplate.Part p = parts.get(i);
            if (p instanceof SqlTemplate.Text t) value.append(t.sql());
            // A bound date or caller attribute is one value for the whole statement.
            else if (p instanceof SqlTemplate.Param || p instanceof SqlTemplate.Attribute) value.append(" 0 ");
            else return Optional.empty();
        }
        return constant(value.toString()) ? Optional.of(column) : Optional.empty();
    }

    /** No column, no subquery, no boolean connective, nothing volatile: only literals, casts and function calls on them. */
    private static boolean constant(String sql) {
        String s = QUOTED.matcher(sql).replaceAll(" '' ");
        if (s.isBlank() || s.contains(";") || s.contains("=") || s.contains("<") || s.contains(">")) return false;
        Matcher w = WORD.matcher(s);
        // Type names are only read as types where SQL puts a type: after :: or CAST's AS, before
        // a typed literal (DATE '...'), or continuing one (timestamp with time zone). Anywhere
        // else the same word could be a column called "date".
        boolean inType = false;
        while (w.find()) {
            String word = w.group().toLowerCase(Locale.ROOT);
            if (CONNECTIVES.contains(word)) return false;
            if (w.start() > 0 && Character.isDigit(s.charAt(w.start() - 1))) continue; // 1e5
            String after = s.substring(w.end()).stripLeading();
            String before = s.substring(0, w.start()).stripTrailing();
            if (after.startsWith("(")) {
                if (VOLATILE.contains(word)) return false;
                inType = false;
                continue;
            }
            if (word.equals("as") || word.equals("true") || word.equals("false") || word.equals("null")) {
                inType = word.equals("as");
                continue;
            }
            boolean typeWord = TYPE_WORDS.contains(word);
            if (typeWord && (before.endsWith("::") || inType || after.startsWith("'"))) {
                inType = true;
                continue;
            }
            return false;
        }
        return true;
    }
}
