package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see what, declared in the catalog ({@code access:}): one entry per role. A role grants
 * privileges, may filter rows (an owner sees only their customers), and may allow or deny
 * cubes, members and metrics. A catalog without {@code access:} is {@link #OPEN}.
 */
public record AccessPolicy(Map<String, Role> roles) {
    public static final AccessPolicy OPEN = new AccessPolicy(Map.of());

    public AccessPolicy {
        roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    public enum Privilege {
        /** sees PII members unmasked */
        PII,
        /** may ask the query API for uncertified members */
        UNCERTIFIED,
        /** reads the audit log */
        AUDIT,
        /** runs briefings and skills for everyone, and changes any owner's feedback */
        OPERATE
    }

    /**
     * Rows of {@code cube} a role sees; {@code sql} may use {@code {principal.<attribute>}}, bound
     * as a parameter from the caller's identity.
     */
    public record RowFilter(String cube, SqlTemplate sql, Location location) {
    }

    /**
     * A role. With row filters, every other cube is visible only through a many-to-one path to a
     * filtered cube (facts reached through the caller's customers) or when listed as a reference
     * cube (data about no customer); any other cube is denied.
     */
    public record Role(String name, String description, Set<Privilege> privileges, List<String> attributes,
                       List<RowFilter> rowFilters, Set<String> referenceCubes, List<String> allow, List<String> deny,
                       Location location) {
        public Role {
            privileges = privileges.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(privileges);
            attributes = List.copyOf(attributes);
            rowFilters = List.copyOf(rowFilters);
            referenceCubes = Set.copyOf(referenceCubes);
            allow = List.copyOf(allow);
            deny = List.copyOf(deny);
        }

        public boolean restrictsRows() {
            return !rowFilters.isEmpty();
        }

        public boolean has(Privilege p) {
            return privileges.contains(p);
        }
    }

    public Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    public boolean open() {
        return roles.isEmpty();
    }
}
