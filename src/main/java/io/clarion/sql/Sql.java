package io.clarion.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable piece of SQL: text with {@code ?} placeholders and the values bound to them, in
 * order. Fragments are only ever combined with each other, so a value travels with the text of
 * its placeholder and no dialect can reorder text without reordering its binds (the parameter
 * allocator of Cube's schema compiler, as a value).
 *
 * <p>Plain text ({@link #of}) must come from the catalog, the dialect or the renderer, never from
 * a caller: a caller's value enters only through {@link #bind}.
 */
public record Sql(String text, List<Object> binds) {
    public static final Sql EMPTY = new Sql("", List.of());

    public Sql {
        binds = Collections.unmodifiableList(new ArrayList<>(binds));
    }

    /** Text without binds. */
    public static Sql of(String text) {
        return new Sql(text, List.of());
    }

    /** One placeholder bound to {@code value}. */
    public static Sql bind(Object value) {
        return new Sql("?", Collections.singletonList(value));
    }

    /** The parts one after another, binds in the same order as their text. */
    public static Sql concat(Sql... parts) {
        return concat(List.of(parts));
    }

    public static Sql concat(List<Sql> parts) {
        return join("", parts);
    }

    public static Sql join(String separator, List<Sql> parts) {
        StringBuilder text = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) text.append(separator);
            text.append(parts.get(i).text);
            binds.addAll(parts.get(i).binds);
        }
        return new Sql(text.toString(), binds);
    }

    public Sql append(String more) {
        return new Sql(text + more, binds);
    }

    public Sql append(Sql more) {
        return concat(this, more);
    }

    /** {@code before} + this + {@code after}. */
    public Sql wrap(String before, String after) {
        return new Sql(before + text + after, binds);
    }

    public Sql parenthesize() {
        return wrap("(", ")");
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** Accumulates fragments in order; for statements written top to bottom. */
    public static final class Builder {
        private final List<Sql> parts = new ArrayList<>();

        public Builder add(String text) {
            parts.add(of(text));
            return this;
        }

        public Builder add(Sql part) {
            parts.add(part);
            return this;
        }

        public Sql build() {
            return concat(parts);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
