package io.clarion.governance.auth;

import io.clarion.governance.policy.Principal;

import java.util.List;
import java.util.Map;

/** A configured API user: who they are, their roles and attributes, and the SHA-256 of their token. */
public record User(String name, List<String> roles, Map<String, String> attributes, String tokenSha256) {
    public User {
        roles = List.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    public Principal principal() {
        return new Principal(name, roles, attributes);
    }
}
