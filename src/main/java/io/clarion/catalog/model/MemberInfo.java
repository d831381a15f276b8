package io.clarion.catalog.model;

import java.util.List;
import java.util.Map;

/**
 * Governance and documentation attributes every member carries. {@code meta} keeps
 * free-form keys (pii, masking, ...) for the governance stage.
 */
public record MemberInfo(String description, List<String> synonyms, String owner, boolean certified,
                         Map<String, Object> meta) {
    public static final MemberInfo EMPTY = new MemberInfo("", List.of(), null, false, Map.of());

    public MemberInfo {
        description = description == null ? "" : description.strip();
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meta));
    }

    public boolean pii() {
        return Boolean.TRUE.equals(meta.get("pii"));
    }

    /** "hash" or "redact" when the member is PII, else null. */
    public String masking() {
        Object m = meta.get("masking");
        return m == null ? (pii() ? "redact" : null) : m.toString();
    }
}
