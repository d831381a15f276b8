package io.clarion.briefing;

import io.clarion.catalog.model.Catalog;
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
 * Data-quality notes a briefing carries, from certified catalog members: flagged accounts that
 * reach no owner, probable duplicate customers (same company domain), and stale usage data.
 * A note whose members the catalog lacks is left out rather than guessed.
 */
public final class DataQuality {
    static final String LATEST_EVENT = "product_events.latest_event_time";
    static final String CUSTOMER_ID = "customers.customer_id";
    static final String CUSTOMER_NAME = "customers.customer_name";
    static final String DOMAIN = "customers.company_domain";
    static final String OWNER = "customers.owner_id";
    static final String COUNT = "customers.total_count";
    /** Usage data older than this many days before the reference date is called stale. */
    static final int STALE_DAYS = 2;

    public record Notes(List<String> global, Map<String, List<String>> byOwner) {
    }

    private DataQuality() {
    }

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
        Catalog catalog = queries.catalog();
        if (catalog.measure(LATEST_EVENT).isPresent()) {
            QueryResult r = queries.run(MetricQuery.of(List.of(LATEST_EVENT), List.of()), QueryService.Options.job(1)).result();
            Object v = r.rows().isEmpty() ? null : r.rows().get(0).get(0);
            LocalDate latest = v == null ? null : LocalDateTime.parse(v.toString().replace(' ', 'T')).toLocalDate();
            if (latest == null) {
                global.add("No product usage data is loaded: login and adoption signals cannot fire.");
            } else if (ChronoUnit.DAYS.between(latest, assessment.asOf()) > STALE_DAYS) {
                global.add("Product usage data is " + ChronoUnit.DAYS.between(latest, assessment.asOf())
                        + " days old (latest event on " + latest + "): usage signals may be out of date.");
            }
        }
        Map<String, List<String>> byOwner = new HashMap<>();
        if (catalog.dimension(DOMAIN).isPresent() && catalog.dimension(OWNER).isPresent()) duplicates(queries, byOwner);
        return new Notes(global, byOwner);
    }

    /** Customers sharing a company domain: probably one company entered twice (CRM and billing disagree). */
    private static void duplicates(QueryService queries, Map<String, List<String>> byOwner) {
        QueryResult r = RiskScoring.readAll(queries, MetricQuery.of(List.of(COUNT), List.of(CUSTOMER_ID, CUSTOMER_NAME, DOMAIN, OWNER)),
                "duplicate customers");
        Map<String, List<List<Object>>> byDomain = new TreeMap<>();
        for (List<Object> row : r.rows()) {
            if (row.get(2) == null) continue;
            byDomain.computeIfAbsent(row.get(2).toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row);
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<Object>>> e : byDomain.entrySet()) {
            if (e.getValue().size() < 2) continue;
            String names = String.join(" / ", e.getValue().stream().map(x -> x.get(1) + " (" + x.get(0) + ")").toList());
            for (List<Object> row : e.getValue()) {
                if (row.get(3) == null) continue;
                List<String> mine = groups.computeIfAbsent(row.get(3).toString(), k -> new ArrayList<>());
                String line = names + ", " + e.getKey();
                if (!mine.contains(line)) mine.add(line);
            }
        }
        groups.forEach((owner, lines) -> byOwner.put(owner, List.of(lines.size() + " probable duplicate customer"
                + (lines.size() == 1 ? "" : "s") + " among yours (same company domain): "
                + String.join("; ", lines.stream().limit(3).toList()) + (lines.size() > 3 ? "; …" : "") + ".")));
    }
}
