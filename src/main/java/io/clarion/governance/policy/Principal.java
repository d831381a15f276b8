package io.clarion.governance.policy;

import java.util.List;
import java.util.Map;

/**
 * Who is asking: a name for the audit log, roles from the catalog's access policy, and the
 * attributes row filters bind ({@code owner_id} for an account owner). {@link #SYSTEM} is
 * Clarion's own in-process work (schedulers, backtests, delivery addressing): no policy applies.
 */
public record Principal(String name, List<String> roles, Map<String, String> attributes) {
    public static final Principal SYSTEM = new Principal("system", List.of(), Map.of());

    public Principal {
        roles = List.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    /** Only the SYSTEM instance itself: a user or token claiming the name "system" gets no special access. */
    /** A principal known only by name, with no role (refused callers, feedback links, the local operator). */
    public static Principal named(String name) {
        return new Principal(name, List.of(), Map.of());
    }

    public boolean system() {
        return this == SYSTEM;
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    /** "ana (analyst)" for messages and logs. */
    public String describe() {
        return roles.isEmpty() ? name : name + " (" + String.join(", ", roles) + ")";
    }
}
