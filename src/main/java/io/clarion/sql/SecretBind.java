package io.clarion.sql;

/** A bound secret (the PII masking key): bound as its value, shown as "[secret]" wherever binds are printed. */
public record SecretBind(String value) {
    @Override
    public String toString() {
        return "[secret]";
    }
}
