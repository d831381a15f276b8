package io.clarion.agent.chat;

import io.clarion.agent.Labels;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.ProfileMark;
import io.clarion.catalog.model.Roles;
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
 * owner and recent events. What it shows is what the catalog marks for it ({@code meta: {profile:
 * ...}}, see {@link ProfileMark}), in the catalog's order, and whose customer it is comes from the
 * catalog's roles (the customer id and name, {@link Roles}), so the card works on any catalog that
 * declares them. Built only from certified members: every value comes from a metric query filtered
 * to the customer (customer id equals id) and run through the governed query service; {@code
 * queries} lists them. Keys are the result columns (member names), except where one section holds
 * two periods of the same member; {@code formats} says how each value reads (currency, percentage,
 * integer, number).
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
        private String idMember;
        private JsonNode idValue;
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
            Catalog catalog = queries.catalog();
            Roles roles = Roles.of(catalog);
            idMember = roles.require(Roles.CUSTOMER_ID, "the profile card");
            String nameMember = roles.get(Roles.CUSTOMER_NAME).orElse(null);
            idValue = idValue(catalog, idMember, id).orElseThrow(() -> new NoSuchElementException("no customer with id " + id));
            List<ProfileMark> marks = marks(catalog);

            Map<ProfileMark.Section, Map<String, Object>> sections = new java.util.EnumMap<>(ProfileMark.Section.class);
            for (ProfileMark.Section s : ProfileMark.Section.values()) sections.put(s, new LinkedHashMap<>());
            // The overview also says whether the customer exists: its name (or id) is always asked for.
            List<String> overviewDims = new ArrayList<>();
            overviewDims.add(nameMember != null ? nameMember : idMember);
            marks.stream().filter(m -> m.section() == ProfileMark.Section.OVERVIEW && plain(m) && isDimension(catalog, m))
                    .map(m -> column(catalog, m)).filter(c -> !overviewDims.contains(c)).forEach(overviewDims::add);
            Map<String, Object> overview = one(query(List.of(), overviewDims, null, null))
                    .orElseThrow(() -> new NoSuchElementException("no customer with id " + id));
            sections.get(ProfileMark.Section.OVERVIEW).putAll(overview);

            // Plain members of a section, dimensions and measures apart; then each period (and
            // comparison) as one query; latest dates; events.
            Map<String, List<ProfileMark>> groups = new LinkedHashMap<>();
            for (ProfileMark m : marks) {
                if (m.isEvents() || (m.section() == ProfileMark.Section.OVERVIEW && plain(m) && isDimension(catalog, m))) continue;
                String key = m.latest() != null ? "latest " + m.member()
                        : m.section() + "|" + isDimension(catalog, m) + "|" + m.period() + "|" + m.compare();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
            for (List<ProfileMark> group : groups.values()) {
                ProfileMark first = group.get(0);
                Map<String, Object> section = sections.get(first.section());
                if (first.latest() != null) {
                    String col = first.member() + "." + first.latest();
                    MetricQuery q = new MetricQuery(List.of(), List.of(col), List.of(customer()), null,
                            List.of(new MetricQuery.OrderBy(col, "desc")), 1, null, null, null, null, null);
                    one(q).ifPresent(r -> put(section, first.label() != null ? first.label() : "latest " + Labels.of(catalog, first.member()), r, col));
                    continue;
                }
                List<String> cols = group.stream().map(m -> column(catalog, m)).toList();
                boolean dims = isDimension(catalog, first);
                MetricQuery q = query(dims ? List.of() : cols, dims ? cols : List.of(), first.period(), first.compare());
                one(q).ifPresent(r -> {
                    for (String c : cols) {
                        if (first.period() == null) {
                            put(section, c, r, c);
                            continue;
                        }
                        put(section, c + " (" + first.period() + ")", r, c);
                        if (first.compare() != null) {
                            String span = first.period().replaceFirst("^last\\s+", "");
                            put(section, c + " (previous " + span + ")", r, c + "_previous");
                            put(section, c + " change (" + span + ")", r, c + "_change_pct");
                        }
                    }
                });
            }
            sections.get(ProfileMark.Section.OWNER).values().removeIf(java.util.Objects::isNull);

            // The latest few of each kind, so that many tickets do not hide the latest survey answer.
            List<Map<String, Object>> events = new ArrayList<>();
            for (ProfileMark m : marks) {
                if (!m.isEvents()) continue;
                String label = m.label() != null ? m.label() : Labels.of(catalog, m.member());
                events.addAll(events(m.member() + ".day", m.show(), m.events(), r -> label + ": " + describe(r.subList(1, r.size()))));
            }
            // Newest first; the sort is stable, so a day's events keep the catalog's order.
            events.sort((a, b) -> String.valueOf(b.get("date")).compareTo(String.valueOf(a.get("date"))));

            Object name = nameMember == null ? null : overview.get(nameMember);
            return new CustomerProfile(id, name == null ? id : String.valueOf(name), sections.get(ProfileMark.Section.OVERVIEW),
                    sections.get(ProfileMark.Section.FINANCIAL), sections.get(ProfileMark.Section.ENGAGEMENT),
                    sections.get(ProfileMark.Section.OWNER), events, formats, used);
        }

        /** "billing (high)", "9 (promoter)", "onboarding". */
        private static String describe(List<Object> values) {
            if (values.isEmpty()) return "";
            if (values.size() == 1) return String.valueOf(values.get(0));
            return values.get(0) + " (" + String.join(", ", values.subList(1, values.size()).stream().map(String::valueOf).toList()) + ")";
        }

        private static boolean plain(ProfileMark m) {
            return m.period() == null && m.latest() == null && !m.isEvents();
        }

        private static boolean isDimension(Catalog catalog, ProfileMark m) {
            return catalog.dimension(m.member()).isPresent();
        }

        private void put(Map<String, Object> section, String key, Map<String, Object> row, String column) {
            if (!row.containsKey(column)) return;
            section.put(key, row.get(column));
            String f = formats.get(column);
            if (f != null) formats.put(key, f);
        }

        private MetricQuery.Filter customer() {
            return new MetricQuery.Filter(idMember, null, "equals", idValue, null);
        }

        /** The id as the id dimension holds it: a number for a numeric id ("42"), else the text; empty when it cannot be one. */
        static Optional<JsonNode> idValue(Catalog catalog, String idMember, String id) {
            boolean number = catalog.dimension(idMember).map(d -> d.type() == io.clarion.catalog.model.DimensionType.NUMBER).orElse(false);
            if (!number) return Optional.of(JSON.textNode(id));
            try {
                return Optional.of(JSON.numberNode(new java.math.BigDecimal(id.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static MetricQuery.Filter range(String phrase) {
            return new MetricQuery.Filter("metric_time", null, "in_date_range", JSON.textNode(phrase), null);
        }

        private MetricQuery query(List<String> metrics, List<String> dims, String range, String compare) {
            List<MetricQuery.Filter> f = new ArrayList<>();
            f.add(customer());
            if (range != null) f.add(range(range));
            return new MetricQuery(metrics, dims, f, null, null, null, null, compare, null, null, null);
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

    /** The card's own names for its keys (a member's profile label), from the catalog's marks. */
    private static Map<String, String> labels(Catalog catalog) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ProfileMark m : marks(catalog)) {
            if (m.label() == null || m.latest() != null) continue;
            out.put(column(catalog, m), m.label());
        }
        return out;
    }

    /** Every member the catalog marks for the card, in the catalog's order. */
    static List<ProfileMark> marks(Catalog catalog) {
        return catalog.members().stream().map(ProfileMark::of).flatMap(Optional::stream).toList();
    }

    /** The result column of a marked member: a time dimension at day grain. */
    static String column(Catalog catalog, ProfileMark m) {
        return catalog.dimension(m.member()).filter(d -> d.type() == io.clarion.catalog.model.DimensionType.TIME).isPresent()
                ? m.member() + ".day" : m.member();
    }

    private void section(StringBuilder sb, Catalog catalog, String title, Map<String, Object> values) {
        if (values.values().stream().allMatch(java.util.Objects::isNull)) return;
        sb.append(title).append('\n');
        Map<String, String> labels = labels(catalog);
        String nameMember = Roles.of(catalog).get(Roles.CUSTOMER_NAME).orElse(null);
        values.forEach((k, v) -> {
            if (k.equals(nameMember) || v == null) return;
            String label = labels.containsKey(k) ? labels.get(k) : k.contains(" ") ? label(catalog, k, labels) : Labels.of(catalog, k);
            sb.append("  ").append(AnswerWriter.capitalize(label)).append(": ")
                    .append(AnswerWriter.format(new QueryResult.Column(k, "number", formats.get(k)), v)).append('\n');
        });
    }

    /** "product_events.logins (last 30 days)" → "logins (last 30 days)". */
    private static String label(Catalog catalog, String key, Map<String, String> labels) {
        int space = key.indexOf(' ');
        String head = key.substring(0, space);
        if (labels.containsKey(head)) return labels.get(head) + key.substring(space);
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
