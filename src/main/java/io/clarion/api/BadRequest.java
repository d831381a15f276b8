package io.clarion.api;

/** A request the API cannot read (not JSON, a missing field): 400 with a plain message. */
public class BadRequest extends RuntimeException {
    private final String code;

    public BadRequest(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
