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
 * cubes, members and metrics. A catalog without {@code access:} gets {@link #DEFAULT}, never an
 * open door.
 *
 * @param builtIn true for {@link #DEFAULT}: the catalog declared no policy
 */
public record AccessPolicy(Map<String, Role> roles, boolean builtIn) {
    /** No roles at all: every principal but Clarion's own in-process work is refused. */
    public static final AccessPolicy OPEN = new AccessPolicy(Map.of(), false);

    /**
     * The policy of a catalog that declares none, safe by default: the four built-in roles, and
     * no other. PII is masked for every role but admin; uncertified members and the audit log
     * are for the roles that hold those privileges; an owner sees nothing, since no row filter
     * says which rows are theirs (declare one in {@code access.yml}).
     */
    public static final AccessPolicy DEFAULT = new AccessPolicy(builtInRoles(), true);

    public static final String OWNER_ROLE = "owner";

    public AccessPolicy {
        roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    public AccessPolicy(Map<String, Role> roles) {
        this(roles, false);
    }

    private static Map<String, Role> builtInRoles() {
        Map<String, Role> r = new LinkedHashMap<>();
        Location builtIn = new Location("<built-in access policy>", 0, 0);
        r.put("admin", new Role("admin", "Runs Clarion: every row, PII unmasked, the audit log.",
                Set.of(Privilege.PII, Privilege.UNCERTIFIED, Privilege.AUDIT, Privilege.OPERATE), List.of(), List.of(), Set.of(),
                List.of(), List.of(), builtIn));
        r.put("analyst", new Role("analyst", "Every row; PII masked; uncertified members when asking for them.",
                Set.of(Privilege.UNCERTIFIED), List.of(), List.of(), Set.of(), List.of(), List.of(), builtIn));
        r.put("executive", new Role("executive", "Every row, certified members only; PII masked.",
                Set.of(), List.of(), List.of(), Set.of(), List.of(), List.of(), builtIn));
        r.put(OWNER_ROLE, new Role(OWNER_ROLE, "An account owner: nothing until access.yml declares which rows are theirs.",
                Set.of(), List.of("owner_id"), List.of(), Set.of(), List.of(), List.of(), builtIn));
        return r;
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
