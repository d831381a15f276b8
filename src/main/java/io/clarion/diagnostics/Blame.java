package io.clarion.diagnostics;

/**
 * Whose problem an issue is, which decides how it is answered: the caller's input (400), the
 * caller's rights (403), something that does not exist (404), or Clarion's own (500, logged).
 */
public enum Blame {
    USER(400), FORBIDDEN(403), NOT_FOUND(404), INTERNAL(500);

    private final int httpStatus;

    Blame(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
