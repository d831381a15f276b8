package io.clarion.catalog.draft;

import io.clarion.catalog.model.Roles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The catalog roles a draft proposes where the schema makes them obvious: the table of customers
 * (by its name), its key, its count, a name column and signup or churn dates; the table of people a
 * customer column points at as its owner ({@link CatalogDrafter#ownerLinks}), its key, name and
 * e-mail. Anything less clear is left to the reviewer: a wrong role would bind a skill to the wrong
 * member silently, a missing one switches the skill off and says which role to declare.
 *
 * @param tables table name to (role to column; the empty string for a role on the table itself)
 */
record RoleProposals(Map<String, Map<String, String>> tables) {
    private static final Pattern CUSTOMER_TABLE = Pattern.compile("^(customers?|clients?|accounts?|subscribers?)$");
    private static final Pattern NAME = Pattern.compile("^(name|full_?name|display_?name|company_?name|account_?name|customer_?name|client_?name)$");
    private static final Pattern SIGNUP = Pattern.compile("(signup|sign_up|signed_up|created|registered|joined|start)");
    private static final Pattern CHURN = Pattern.compile("(churn|cancel)");
    private static final Pattern EMAIL = Pattern.compile("(^|_)e?_?mail$");

    static RoleProposals of(DbSchema schema, Map<String, List<CatalogDrafter.DraftJoin>> joins) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Optional<DbSchema.Table> customer = schema.tables().stream()
                .filter(t -> CUSTOMER_TABLE.matcher(t.name().toLowerCase(Locale.ROOT)).matches()).findFirst();
        if (customer.isEmpty()) {
            // One table about customers and nothing else to choose from (a churn extract such as telco_customer_churn).
            List<DbSchema.Table> named = schema.tables().stream().filter(t -> t.name().toLowerCase(Locale.ROOT).contains("customer")).toList();
            if (named.size() == 1) customer = Optional.of(named.get(0));
        }
        customer.ifPresent(t -> {
            Map<String, String> r = out.computeIfAbsent(t.name(), k -> new LinkedHashMap<>());
            r.put(Roles.CUSTOMER, "");
            if (t.primaryKey().size() == 1) r.put(Roles.CUSTOMER_ID, t.primaryKey().get(0));
            r.put(Roles.CUSTOMER_COUNT, "count");
            first(t, NAME, false).ifPresent(c -> r.put(Roles.CUSTOMER_NAME, c));
            first(t, SIGNUP, true).ifPresent(c -> r.put(Roles.SIGNUP_DATE, c));
            first(t, CHURN, true).ifPresent(c -> r.put(Roles.CHURN_DATE, c));
            CatalogDrafter.ownerLinks(schema, joins).stream().filter(l -> l.join().from().equals(t.name()))
                    .filter(l -> l.join().columns().size() == 1).findFirst().ifPresent(l -> {
                        r.put(Roles.OWNER_ID, l.join().columns().get(0));
                        Map<String, String> o = out.computeIfAbsent(l.people().name(), k -> new LinkedHashMap<>());
                        o.put(Roles.OWNER, "");
                        if (l.people().primaryKey().size() == 1) o.put(Roles.OWNER_KEY, l.people().primaryKey().get(0));
                        first(l.people(), NAME, false).ifPresent(c -> o.put(Roles.OWNER_NAME, c));
                        first(l.people(), EMAIL, false).ifPresent(c -> o.put(Roles.OWNER_EMAIL, c));
                    });
        });
        return new RoleProposals(out);
    }

    private static Optional<String> first(DbSchema.Table t, Pattern p, boolean time) {
        return t.columns().stream().filter(c -> CatalogDrafter.time(c.type()) == time)
                .map(DbSchema.Column::name).filter(n -> p.matcher(n.toLowerCase(Locale.ROOT)).find()).findFirst();
    }

    /** The role proposed for a table itself, if any. */
    Optional<String> cubeRole(String table) {
        return roles(table).entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).findFirst();
    }

    /** The role proposed for a column (or for "count", the count measure) of a table, if any. */
    Optional<String> role(String table, String column) {
        return roles(table).entrySet().stream().filter(e -> e.getValue().equals(column)).map(Map.Entry::getKey).findFirst();
    }

    Map<String, String> roles(String table) {
        return tables.getOrDefault(table, Map.of());
    }
}
