package io.clarion.api;

/** The caller is known but may not do this: 403 with the reason. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
