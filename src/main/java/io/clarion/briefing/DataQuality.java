package io.clarion.briefing;

import io.clarion.engine.PopulationReads;
import io.clarion.catalog.model.Roles;
import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Data-quality notes from certified catalog members, found by the roles the catalog declares
 * ({@link Roles}): flagged accounts that reach no owner, probable duplicate customers (same
 * company domain), and stale usage data. A check whose roles the catalog lacks is not guessed:
 * the operator's report says it was skipped and which role would switch it on.
 *
 * <p>{@link #collect} reads the whole business and is for the operator running the cycle (the
 * run's report); {@link #forRecipient} reads only what one owner may see, through their access,
 * and is what their briefing carries: another owner's or an unowned customer never appears in it.
 */
public final class DataQuality {
    /** Usage data older than this many days before the reference date is called stale. */
    static final int STALE_DAYS = 2;
    private static final List<String> DUPLICATE_ROLES = List.of(Roles.COMPANY_DOMAIN, Roles.OWNER_ID, Roles.CUSTOMER_ID,
            Roles.CUSTOMER_NAME, Roles.CUSTOMER_COUNT);

    public record Notes(List<String> global, Map<String, List<String>> byOwner) {
    }

    private DataQuality() {
    }

    /** The notes of one owner's briefing, every query run as that owner ({@code asOwner}). */
    public static List<String> forRecipient(QueryService asOwner, LocalDate asOf) {
        List<String> notes = new ArrayList<>();
        Roles roles = Roles.of(asOwner.catalog());
        if (missing(roles, List.of(Roles.LATEST_USAGE)).isEmpty()) stale(asOwner, roles, asOf).ifPresent(notes::add);
        if (missing(roles, DUPLICATE_ROLES).isEmpty()) {
            Map<String, List<String>> byOwner = new HashMap<>();
            duplicates(asOwner, roles, byOwner);
            byOwner.values().forEach(notes::addAll);
        }
        return notes;
    }

    private static List<String> missing(Roles roles, List<String> needed) {
        return needed.stream().filter(r -> !roles.has(r)).toList();
    }

    /** "The stale-usage check was skipped: the catalog declares no latest_usage role (...)." */
    private static String skipped(String check, List<String> missing) {
        return "The " + check + " check was skipped: the catalog declares no " + String.join(", ", missing)
                + (missing.size() == 1 ? " role (" : " roles (") + String.join("; ", missing.stream().map(Roles.ALL::get).toList())
                + "); mark " + (missing.size() == 1 ? "it" : "them") + " with meta: {role: ...} to switch it on.";
    }

    private static java.util.Optional<String> stale(QueryService queries, Roles roles, LocalDate asOf) {
        String latestUsage = roles.get(Roles.LATEST_USAGE).orElseThrow();
        QueryResult r = queries.run(MetricQuery.of(List.of(latestUsage), List.of()), QueryService.Options.job(1)).result();
        Object v = r.rows().isEmpty() ? null : r.rows().get(0).get(0);
        LocalDate latest = v == null ? null : LocalDateTime.parse(v.toString().replace(' ', 'T')).toLocalDate();
        if (latest == null) return java.util.Optional.of("No product usage data is loaded: login and adoption signals cannot fire.");
        if (ChronoUnit.DAYS.between(latest, asOf) > STALE_DAYS) {
            return java.util.Optional.of("Product usage data is " + ChronoUnit.DAYS.between(latest, asOf)
                    + " days old (latest event on " + latest + "): usage signals may be out of date.");
        }
        return java.util.Optional.empty();
    }

    /** The operator's notes on the whole business: {@code global} for the run's report, {@code byOwner} every owner's duplicates. */
    public static Notes collect(QueryService queries, RiskScoring.Assessment assessment) {
        List<String> global = new ArrayList<>();
        List<RiskScoring.ScoredAccount> orphans = assessment.flagged().stream().filter(a -> a.ownerId() == null).toList();
        if (!orphans.isEmpty()) {
            BigDecimal mrr = orphans.stream().map(RiskScoring.ScoredAccount::mrr).reduce(BigDecimal.ZERO, BigDecimal::add);
            global.add(orphans.size() + " flagged account" + (orphans.size() == 1 ? " has" : "s have") + " no owner ("
                    + BriefingBuilder.money(mrr) + " MRR) and reach no one: "
                    + String.join(", ", orphans.stream().limit(3).map(a -> a.name() == null ? a.customerId() : a.name()).toList())
                    + (orphans.size() > 3 ? " and " + (orphans.size() - 3) + " more" : "") + ".");
        }
        Roles roles = Roles.of(queries.catalog());
        List<String> noUsage = missing(roles, List.of(Roles.LATEST_USAGE));
        if (noUsage.isEmpty()) stale(queries, roles, assessment.asOf()).ifPresent(global::add);
        else global.add(skipped("stale-usage", noUsage));
        Map<String, List<String>> byOwner = new HashMap<>();
        List<String> noDuplicates = missing(roles, DUPLICATE_ROLES);
        if (noDuplicates.isEmpty()) duplicates(queries, roles, byOwner);
        else global.add(skipped("duplicate-customer", noDuplicates));
        return new Notes(global, byOwner);
    }

    /** Customers sharing a company domain: probably one company entered twice (CRM and billing disagree). */
    private static void duplicates(QueryService queries, Roles roles, Map<String, List<String>> byOwner) {
        // Columns in the order read below: id, name, domain, owner.
        List<String> dims = java.util.stream.Stream.of(Roles.CUSTOMER_ID, Roles.CUSTOMER_NAME, Roles.COMPANY_DOMAIN, Roles.OWNER_ID)
                .map(role -> roles.get(role).orElseThrow()).toList();
        QueryResult r = PopulationReads.readAll(queries, MetricQuery.of(List.of(roles.get(Roles.CUSTOMER_COUNT).orElseThrow()), dims),
                "duplicate customers");
        Map<String, List<List<Object>>> byDomain = new TreeMap<>();
        for (List<Object> row : r.rows()) {
            if (row.get(2) == null) continue;
            byDomain.computeIfAbsent(row.get(2).toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row);
        }
        // A set per owner: the whole business can have thousands of duplicate groups per owner list.
        Map<String, java.util.Set<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<Object>>> e : byDomain.entrySet()) {
            if (e.getValue().size() < 2) continue;
            String names = String.join(" / ", e.getValue().stream().map(x -> x.get(1) + " (" + x.get(0) + ")").toList());
            for (List<Object> row : e.getValue()) {
                if (row.get(3) == null) continue;
                groups.computeIfAbsent(row.get(3).toString(), k -> new java.util.LinkedHashSet<>()).add(names + ", " + e.getKey());
            }
        }
        groups.forEach((owner, lines) -> byOwner.put(owner, List.of(lines.size() + " probable duplicate customer"
                + (lines.size() == 1 ? "" : "s") + " among yours (same company domain): "
                + String.join("; ", lines.stream().limit(3).toList()) + (lines.size() > 3 ? "; …" : "") + ".")));
    }
}
