package io.clarion.catalog.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog's cubes and members are for, so that skills, the profile card, data-quality
 * notes and the backtest work on any catalog rather than on one catalog's names. A catalog declares
 * a role with {@code meta: {role: <name>}} on a cube or member; a few roles have a sensible default
 * when none is declared (the customer cube's primary key is its id), each listed in {@code notes}
 * so {@code validate} can say what was assumed.
 *
 * @param bound role name to a cube name (for {@link #CUBE_ROLES}) or a member's full name
 * @param notes one line per defaulted role
 */
public record Roles(Map<String, String> bound, List<String> notes) {
    public static final String CUSTOMER = "customer";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String CUSTOMER_NAME = "customer_name";
    public static final String CUSTOMER_COUNT = "customer_count";
    public static final String OWNER = "owner";
    public static final String OWNER_ID = "owner_id";
    public static final String OWNER_KEY = "owner_key";
    public static final String OWNER_NAME = "owner_name";
    public static final String OWNER_EMAIL = "owner_email";
    public static final String OWNER_SLACK = "owner_slack";
    public static final String SIGNUP_DATE = "signup_date";
    public static final String CHURN_DATE = "churn_date";
    public static final String REVENUE = "revenue";
    public static final String USAGE = "usage";
    public static final String LATEST_USAGE = "latest_usage";
    public static final String SUPPORT_TICKETS = "support_tickets";
    public static final String COMPANY_DOMAIN = "company_domain";

    /** Every role, in the order people read them; each with what it means (for errors and docs). */
    public static final Map<String, String> ALL = ordered(
            CUSTOMER, "the cube of customers (one row per customer)",
            CUSTOMER_ID, "the customer's id (default: the customer cube's primary key)",
            CUSTOMER_NAME, "the customer's name",
            CUSTOMER_COUNT, "a count of customers (default: the customer cube's count measure)",
            OWNER, "the cube of the people who own customers (account owners, support reps)",
            OWNER_ID, "the dimension saying which owner a customer has",
            OWNER_KEY, "the owner's own id (default: the owner cube's primary key)",
            OWNER_NAME, "the owner's name",
            OWNER_EMAIL, "the owner's e-mail address",
            OWNER_SLACK, "the owner's Slack user id",
            SIGNUP_DATE, "the date a customer started",
            CHURN_DATE, "the date a customer left",
            REVENUE, "revenue from customers",
            USAGE, "a measure of product usage",
            LATEST_USAGE, "the time of the latest product usage",
            SUPPORT_TICKETS, "a count of support tickets",
            COMPANY_DOMAIN, "the customer's company domain (for spotting duplicates)");

    /** Roles that name a cube; every other role names a member. */
    public static final Set<String> CUBE_ROLES = Set.of(CUSTOMER, OWNER);

    public Roles {
        bound = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bound));
        notes = List.copyOf(notes);
    }

    /** The member (or cube) bound to a role. */
    public Optional<String> get(String role) {
        return Optional.ofNullable(bound.get(role));
    }

    public boolean has(String role) {
        return bound.containsKey(role);
    }

    /** @throws IllegalStateException saying which role the catalog lacks and how to declare it */
    public String require(String role, String forWhat) {
        String v = bound.get(role);
        if (v == null) throw new IllegalStateException(forWhat + " needs the catalog role " + role + " (" + ALL.get(role)
                + "); declare it with meta: {role: " + role + "} on " + (CUBE_ROLES.contains(role) ? "a cube" : "a member"));
        return v;
    }

    /** The roles a catalog declares, plus the defaults it leaves to Clarion. */
    public static Roles of(Catalog catalog) {
        Map<String, String> bound = new LinkedHashMap<>();
        for (Cube c : catalog.cubes().values()) {
            if (c.info().meta().get("role") instanceof String r && CUBE_ROLES.contains(r)) bound.putIfAbsent(r, c.name());
        }
        for (Member m : catalog.members()) {
            if (m.info().meta().get("role") instanceof String r && ALL.containsKey(r) && !CUBE_ROLES.contains(r)) {
                bound.putIfAbsent(r, m.fullName());
            }
        }
        List<String> notes = new ArrayList<>();
        Optional<Cube> customer = Optional.ofNullable(bound.get(CUSTOMER)).flatMap(catalog::cube);
        if (customer.isEmpty() && !bound.containsKey(CUSTOMER)) {
            customer = catalog.cube("customers").or(() -> catalog.cube("customer"));
            customer.ifPresent(c -> defaulted(bound, notes, CUSTOMER, c.name(), "cube " + c.name() + " by its name"));
        }
        customer.ifPresent(c -> {
            c.primaryKey().ifPresent(pk -> defaulted(bound, notes, CUSTOMER_ID, pk.fullName(), "the primary key of cube " + c.name()));
            c.measures().stream().filter(m -> m.type() == MeasureType.COUNT).findFirst()
                    .ifPresent(m -> defaulted(bound, notes, CUSTOMER_COUNT, m.fullName(), "the count measure of cube " + c.name()));
        });
        Optional.ofNullable(bound.get(OWNER)).flatMap(catalog::cube).flatMap(Cube::primaryKey)
                .ifPresent(pk -> defaulted(bound, notes, OWNER_KEY, pk.fullName(), "the primary key of cube " + pk.cube()));
        return new Roles(bound, notes);
    }

    private static void defaulted(Map<String, String> bound, List<String> notes, String role, String member, String why) {
        if (bound.containsKey(role)) return;
        bound.put(role, member);
        notes.add("role " + role + " defaults to " + member + " (" + why + "); declare meta: {role: " + role + "} to make it explicit");
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
