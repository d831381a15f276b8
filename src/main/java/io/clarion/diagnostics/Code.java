package io.clarion.diagnostics;

/**
 * A stable issue code. Each stage declares its codes as an enum implementing this interface
 * (catalog, query, skills...), so a code is a value the compiler checks, not a free string;
 * {@link #key()} is the snake_case form clients and golden files see.
 */
public interface Code {
    String key();

    /** Whose problem an issue with this code is, unless the issue says otherwise. */
    Blame blame();

    /** The key of an enum constant: UNKNOWN_MEMBER is "unknown_member". */
    static String keyOf(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
