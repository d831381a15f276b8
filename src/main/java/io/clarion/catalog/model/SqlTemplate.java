package io.clarion.catalog.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL fragment from the catalog, split into literal text and references, so that the
 * renderer substitutes aliases and parameters and never re-parses SQL.
 *
 * <p>Reference syntax (the {@code $} is optional, as in Cube and Lens):
 * <ul>
 *   <li>{@code {CUBE}}: the alias of the cube that owns the fragment;</li>
 *   <li>{@code {name}}: a dimension of the same cube, or, in a join, the alias of cube {@code name};</li>
 *   <li>{@code {cube.name}}: a dimension of another cube (join conditions);</li>
 *   <li>{@code {AS_OF}}, {@code {PERIOD_START}}, {@code {PERIOD_END}}: dates bound as parameters;</li>
 *   <li>{@code {{ ref('x') }}}: table or view {@code x};</li>
 *   <li>{@code {principal.x}}: attribute x of the caller, in access policies only.</li>
 * </ul>
 * A fragment that is just an identifier ({@code sql: region}) is a column of the owning cube.
 */
public record SqlTemplate(String source, List<Part> parts) {

    public sealed interface Part permits Text, Column, CubeRef, MemberRef, Param, Attribute {
    }

    /** Literal SQL text. */
    public record Text(String sql) implements Part {
    }

    /** A column of a cube's source: rendered as alias.column. */
    public record Column(String cube, String column) implements Part {
    }

    /** The alias of a cube ({CUBE} or {other_cube}). */
    public record CubeRef(String cube) implements Part {
    }

    /** Another member's SQL, inlined: {dim} or {cube.dim}. */
    public record MemberRef(String cube, String member) implements Part {
    }

    /** A date the query binds: the reference date or the period bounds. */
    public record Param(ParamName name) implements Part {
    }

    public enum ParamName { AS_OF, PERIOD_START, PERIOD_END }

    /** An attribute of the caller ({principal.owner_id} in an access policy's row filter), bound as a parameter. */
    public record Attribute(String name) implements Part {
    }

    /** A reference that could not be parsed; offset is into {@code source}. */
    public record ParseProblem(int offset, String message) {
    }

    public SqlTemplate {
        parts = List.copyOf(parts);
    }

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\(\\s*['\"]([A-Za-z_][A-Za-z0-9_.]*)['\"]\\s*\\)\\s*}}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$?\\{\\s*([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?\\s*}");

    public static SqlTemplate text(String sql) {
        return new SqlTemplate(sql, List.of(new Text(sql)));
    }

    public static SqlTemplate column(String cube, String column) {
        return new SqlTemplate(column, List.of(new Column(cube, column)));
    }

    /** True when the fragment is a bare identifier (a column name). */
    public static boolean isIdentifier(String sql) {
        return sql != null && IDENT.matcher(sql.strip()).matches();
    }

    /**
     * Parses a fragment owned by {@code ownerCube}. Names inside braces are classified here
     * only syntactically ({@link MemberRef} with cube null means "same cube or a cube alias");
     * the catalog validator resolves them and reports unknown names.
     */
    public static SqlTemplate parse(String sql, String ownerCube, List<ParseProblem> problems) {
        String s = sql == null ? "" : sql;
        if (isIdentifier(s)) return column(ownerCube, s.strip());
        s = resolveRefs(s);
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(s);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) parts.add(new Text(s.substring(last, m.start())));
            String a = m.group(1);
            String b = m.group(2);
            if (b == null) {
                switch (a.toUpperCase(Locale.ROOT).equals(a) ? a : "") {
                    case "CUBE" -> parts.add(new CubeRef(ownerCube));
                    case "AS_OF" -> parts.add(new Param(ParamName.AS_OF));
                    case "PERIOD_START" -> parts.add(new Param(ParamName.PERIOD_START));
                    case "PERIOD_END" -> parts.add(new Param(ParamName.PERIOD_END));
                    default -> parts.add(new MemberRef(null, a));
                }
            } else if (a.equals("CUBE")) {
                parts.add(new Column(ownerCube, b));
            } else {
                parts.add(new MemberRef(a, b));
            }
            last = m.end();
        }
        if (last < s.length()) parts.add(new Text(s.substring(last)));
        int stray = indexOfStrayBrace(parts);
        if (stray >= 0) problems.add(new ParseProblem(stray, "unbalanced or malformed '{' reference"));
        return new SqlTemplate(sql, parts);
    }

    private static String resolveRefs(String s) {
        return REF.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    private static int indexOfStrayBrace(List<Part> parts) {
        int offset = 0;
        for (Part p : parts) {
            if (p instanceof Text t) {
                int i = indexOutsideQuotes(t.sql(), '{');
                if (i >= 0) return offset + i;
                offset += t.sql().length();
            }
        }
        return -1;
    }

    private static int indexOutsideQuotes(String s, char c) {
        boolean inQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') inQuote = !inQuote;
            else if (ch == c && !inQuote) return i;
        }
        return -1;
    }

    /** Every member reference, for validation. */
    public List<MemberRef> memberRefs() {
        return parts.stream().filter(p -> p instanceof MemberRef).map(p -> (MemberRef) p).toList();
    }

    public boolean usesParam(ParamName n) {
        return parts.stream().anyMatch(p -> p instanceof Param q && q.name() == n);
    }

    /** Returns a copy whose parts are transformed (the validator uses it to bind same-cube references). */
    public SqlTemplate mapParts(java.util.function.UnaryOperator<Part> f) {
        return new SqlTemplate(source, parts.stream().map(f).toList());
    }
}
