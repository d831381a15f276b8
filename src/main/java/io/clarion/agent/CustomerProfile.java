package io.clarion.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.catalog.model.Catalog;
import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The customer profile card of the customer-360 view: overview, financial summary, engagement,
 * owner and recent events. Built only from certified catalog members: every value comes from a
 * metric query filtered to the customer ({@code customers.customer_id equals id}) and run
 * through the governed query service; {@code queries} lists them. Keys are the result columns
 * (member names), except where one section holds two periods of the same member;
 * {@code formats} says how each value reads (currency, percentage, integer, number).
 */
public record CustomerProfile(String customerId, String name, Map<String, Object> overview,
                              Map<String, Object> financial, Map<String, Object> engagement,
                              Map<String, Object> owner, List<Map<String, Object>> recentEvents,
                              Map<String, String> formats, @JsonIgnore List<MetricQuery> queries) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final QueryService.Options CERTIFIED = new QueryService.Options(true);
    public CustomerProfile {
        overview = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overview));
        financial = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(financial));
        engagement = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(engagement));
        owner = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(owner));
        recentEvents = List.copyOf(recentEvents);
        formats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formats));
        queries = List.copyOf(queries);
    }

    /** @throws NoSuchElementException when there is no customer with this id */
    public static CustomerProfile build(QueryService queries, String customerId) {
        return build(queries, customerId, out -> { });
    }

    /**
     * As {@link #build(QueryService, String)}, telling {@code ran} of every query run, with its
     * SQL and result (for the query log, or to show the tables behind the card without running
     * them again).
     */
    public static CustomerProfile build(QueryService queries, String customerId, Consumer<QueryService.Outcome> ran) {
        return new Builder(queries, customerId, ran).build();
    }

    /** Runs the card's queries for one customer and files each value under its section. */
    static final class Builder {
        private final QueryService queries;
        private final String id;
        private final List<MetricQuery> used = new ArrayList<>();
        private final Map<String, String> formats = new LinkedHashMap<>();
        private final Consumer<QueryService.Outcome> ran;

        Builder(QueryService queries, String id, Consumer<QueryService.Outcome> ran) {
            this.queries = queries;
            this.id = id;
            this.ran = ran;
        }

        CustomerProfile build() {
            if (id == null || id.isBlank()) throw new NoSuchElementException("no customer id given");
            Map<String, Object> overview = one(query(List.of(), List.of("customers.customer_name", "customers.segment",
                    "customers.plan", "customers.region", "customers.industry", "customers.created_date.day",
                    "customers.status", "customers.churned_date.day", "customers.contract_end_date.day",
                    "customers.seats_purchased", "customers.tenure_days"), null))
                    .orElseThrow(() -> new NoSuchElementException("no customer with id " + id));

            Map<String, Object> financial = new LinkedHashMap<>();
            one(query(List.of("current_mrr", "arr", "customers.total_revenue", "invoices.paid_invoice_count"), List.of(), null))
                    .ifPresent(financial::putAll);
            MetricQuery last12 = new MetricQuery(List.of("revenue"), List.of(), List.of(customer(), range("last 12 months")),
                    null, null, null, null, "previous_period", null, null, null);
            one(last12).ifPresent(m -> {
                put(financial, "revenue (last 12 months)", m, "revenue");
                put(financial, "revenue (previous 12 months)", m, "revenue_previous");
                put(financial, "revenue change (12 months)", m, "revenue_change_pct");
            });
            one(query(List.of("invoices.failed_payments", "invoices.failed_amount"), List.of(), "last 90 days"))
                    .ifPresent(m -> m.forEach((k, v) -> put(financial, k + " (last 90 days)", m, k)));

            Map<String, Object> engagement = new LinkedHashMap<>();
            // Health is scored for active customers only: a churned customer has no row.
            one(query(List.of(), List.of("customer_health.health_score", "customer_health.health_score_band",
                    "customer_health.lifecycle_stage", "customer_health.login_trend_risk",
                    "customer_health.logins_28d", "customer_health.logins_prev_28d", "customer_health.active_days_30d",
                    "customer_health.features_used_90d", "customer_health.nps_score"), null)).ifPresent(engagement::putAll);
            MetricQuery users = new MetricQuery(List.of("product_events.active_users"), List.of(),
                    List.of(customer(), range("last 30 days")), null, null, null, null, "previous_period", null, null, null);
            one(users).ifPresent(m -> {
                put(engagement, "product_events.active_users (last 30 days)", m, "product_events.active_users");
                put(engagement, "product_events.active_users (previous 30 days)", m, "product_events.active_users_previous");
            });
            one(query(List.of("feature_adoption_rate"), List.of(), null))
                    .filter(m -> m.get("feature_adoption_rate") != null).ifPresent(engagement::putAll);
            MetricQuery lastEvent = new MetricQuery(List.of(), List.of("product_events.event_time.day"), List.of(customer()), null,
                    List.of(new MetricQuery.OrderBy("product_events.event_time.day", "desc")), 1, null, null, null, null, null);
            one(lastEvent).ifPresent(m -> put(engagement, "last activity", m, "product_events.event_time.day"));
            one(query(List.of("support_tickets.ticket_count", "support_tickets.avg_resolution_hours", "csat"), List.of(),
                    "last 90 days")).ifPresent(m -> m.forEach((k, v) -> put(engagement, k + " (last 90 days)", m, k)));

            Map<String, Object> owner = one(query(List.of(), List.of("owners.name", "owners.email", "owners.team"), null))
                    .filter(m -> m.get("owners.name") != null).orElse(Map.of());

            // The latest few of each kind, so that many tickets do not hide the latest NPS response.
            List<Map<String, Object>> events = new ArrayList<>();
            events.addAll(events("support_tickets.created_date.day", List.of("support_tickets.category", "support_tickets.priority"),
                    3, r -> "support ticket: " + r.get(1) + " (" + r.get(2) + " priority)"));
            events.addAll(events("nps_responses.responded_date.day", List.of("nps_responses.score", "nps_responses.category"),
                    2, r -> "NPS response: " + r.get(1) + " (" + r.get(2) + ")"));
            events.addAll(events("customer_journey.reached_date.day", List.of("customer_journey.journey_stage"),
                    3, r -> "journey: reached " + r.get(1)));
            // Newest first; the sort is stable, so a day's events keep the order above.
            events.sort((a, b) -> String.valueOf(b.get("date")).compareTo(String.valueOf(a.get("date"))));

            return new CustomerProfile(id, String.valueOf(overview.get("customers.customer_name")), overview, financial,
                    engagement, owner, events, formats, used);
        }

        private void put(Map<String, Object> section, String key, Map<String, Object> row, String column) {
            if (!row.containsKey(column)) return;
            section.put(key, row.get(column));
            String f = formats.get(column);
            if (f != null) formats.put(key, f);
        }

        private MetricQuery.Filter customer() {
            return new MetricQuery.Filter("customers.customer_id", null, "equals", JSON.textNode(id), null);
        }

        private static MetricQuery.Filter range(String phrase) {
            return new MetricQuery.Filter("metric_time", null, "in_date_range", JSON.textNode(phrase), null);
        }

        private MetricQuery query(List<String> metrics, List<String> dims, String range) {
            List<MetricQuery.Filter> f = new ArrayList<>();
            f.add(customer());
            if (range != null) f.add(range(range));
            return new MetricQuery(metrics, dims, f, null, null, null, null, null, null, null, null);
        }

        /** The latest {@code n} dated rows of one kind, each as {date, event}. */
        private List<Map<String, Object>> events(String dateDim, List<String> what, int n,
                                                 java.util.function.Function<List<Object>, String> describe) {
            List<String> dims = new ArrayList<>();
            dims.add(dateDim);
            dims.addAll(what);
            MetricQuery q = new MetricQuery(List.of(), dims, List.of(customer()), null,
                    List.of(new MetricQuery.OrderBy(dateDim, "desc")), n, null, null, null, null, null);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> row : table(q)) {
                List<Object> v = new ArrayList<>(row.values());
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("date", v.get(0));
                e.put("event", describe.apply(v));
                out.add(e);
            }
            return out;
        }

        /** The card shows what its reader may see: members their role is denied are left out, not the whole card. */
        private MetricQuery visible(MetricQuery q) {
            io.clarion.governance.policy.Access a = queries.access();
            List<String> metrics = q.metrics().stream().filter(m -> queries.catalog().metric(m)
                    .map(x -> a.metricDenial(x).isEmpty()).orElseGet(() -> a.denial(m).isEmpty())).toList();
            List<String> dims = q.dimensions().stream().filter(d -> a.denial(d.chars().filter(c -> c == '.').count() == 2
                    ? d.substring(0, d.lastIndexOf('.')) : d).isEmpty()).toList();
            if (metrics.size() == q.metrics().size() && dims.size() == q.dimensions().size()) return q;
            return new MetricQuery(metrics, dims, q.filters(), q.segments(), q.orderBy(), q.limit(), q.timezone(), q.compare(),
                    q.analysis(), q.joinPaths(), q.certifiedOnly());
        }

        private Optional<Map<String, Object>> one(MetricQuery q) {
            List<Map<String, Object>> r = table(q);
            return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
        }

        private List<Map<String, Object>> table(MetricQuery q) {
            q = visible(q);
            if (q.metrics().isEmpty() && q.dimensions().isEmpty()) return List.of();
            used.add(q);
            QueryService.Outcome outcome = queries.run(q, CERTIFIED);
            ran.accept(outcome);
            QueryResult r = outcome.result();
            for (QueryResult.Column c : r.columns()) {
                if (c.format() != null) formats.put(c.name(), c.format());
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (List<Object> row : r.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < r.columns().size(); i++) m.put(r.columns().get(i).name(), row.get(i));
                out.add(m);
            }
            return out;
        }
    }

    /** The card as text, as the chat shows it. */
    public String render(Catalog catalog) {
        StringBuilder sb = new StringBuilder("Customer profile: " + name + " (" + customerId + ")\n");
        section(sb, catalog, "Overview", overview);
        section(sb, catalog, "Financial summary", financial);
        section(sb, catalog, "Engagement", engagement);
        section(sb, catalog, "Owner", owner);
        if (!recentEvents.isEmpty()) {
            sb.append("Recent events\n");
            for (Map<String, Object> e : recentEvents) sb.append("  ").append(e.get("date")).append("  ").append(e.get("event")).append('\n');
        }
        return sb.toString().strip();
    }

    /** Names on the card where the member's own would read oddly for one customer. */
    private static final Map<String, String> LABELS = Map.of(
            "customers.created_date.day", "customer since",
            "customers.churned_date.day", "churned on",
            "customers.contract_end_date.day", "contract ends",
            "customers.total_revenue", "lifetime revenue",
            "invoices.paid_invoice_count", "invoices paid",
            "customer_health.logins_28d", "logins (last 28 days)",
            "customer_health.logins_prev_28d", "logins (previous 28 days)",
            "customer_health.active_days_30d", "active days (last 30 days)",
            "customer_health.features_used_90d", "features used (last 90 days)",
            "customer_health.nps_score", "latest NPS score");

    private void section(StringBuilder sb, Catalog catalog, String title, Map<String, Object> values) {
        if (values.values().stream().allMatch(java.util.Objects::isNull)) return;
        sb.append(title).append('\n');
        values.forEach((k, v) -> {
            if (k.equals("customers.customer_name") || v == null) return;
            String label = LABELS.containsKey(k) ? LABELS.get(k) : k.contains(" ") ? label(catalog, k) : Labels.of(catalog, k);
            sb.append("  ").append(AnswerWriter.capitalize(label)).append(": ")
                    .append(AnswerWriter.format(new QueryResult.Column(k, "number", formats.get(k)), v)).append('\n');
        });
    }

    /** "product_events.logins (last 30 days)" → "logins (last 30 days)". */
    private static String label(Catalog catalog, String key) {
        int space = key.indexOf(' ');
        String head = key.substring(0, space);
        return (head.contains(".") || catalog.metric(head).isPresent() ? Labels.of(catalog, head) : head) + key.substring(space);
    }

    /** The queries behind the card, as JSON (normalized, as the query API reads them). */
    @JsonProperty("queries")
    public JsonNode queriesJson() {
        var arr = JSON.arrayNode();
        for (MetricQuery q : queries) arr.add(io.clarion.query.QueryParser.toJson(q));
        return arr;
    }
}
