package io.clarion.agent.chat;

import io.clarion.agent.offline.OfflinePlanner;

import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile card's numbers against hand-written SQL on the demo data set. */
class CustomerProfileTest {
    static ChatService chat;

    @BeforeAll
    static void setUp() {
        var queries = DemoEngine.queries();
        chat = new ChatService(queries, OfflinePlanner.create(queries), null, new SessionStore(10), null);
    }

    static Object scalar(String sql, String id) throws Exception {
        try (Connection c = TestDatabase.demo().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    static List<String> customers() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = TestDatabase.demo().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("(SELECT customer_id FROM customers WHERE churned_at IS NULL AND segment = 'enterprise' ORDER BY customer_id LIMIT 2)"
                     + " UNION ALL (SELECT customer_id FROM customers WHERE churned_at IS NOT NULL ORDER BY customer_id LIMIT 1)")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }

    static void same(Object expected, Object actual, String what) {
        BigDecimal e = expected == null ? BigDecimal.ZERO : new BigDecimal(expected.toString());
        BigDecimal a = actual == null ? BigDecimal.ZERO : new BigDecimal(actual.toString());
        assertEquals(0, e.compareTo(a), what + ": expected " + e + ", got " + a);
    }

    @Test
    void profileNumbersMatchHandWrittenSql() throws Exception {
        for (String id : customers()) {
            CustomerProfile p = CustomerProfile.build(DemoEngine.queries(), id);
            assertEquals(scalar("SELECT customer_name FROM customers WHERE customer_id = ?", id), p.name());
            assertEquals(scalar("SELECT segment FROM customers WHERE customer_id = ?", id), p.overview().get("customers.segment"));
            same(scalar("SELECT sum(amount) FROM invoices WHERE status = 'paid' AND customer_id = ?", id),
                    p.financial().get("customers.total_revenue"), id + " lifetime revenue");
            same(scalar("SELECT count(*) FROM invoices i, dataset_info d WHERE i.status = 'failed' AND i.customer_id = ? "
                    + "AND i.issued_at > d.as_of - 90 AND i.issued_at < d.as_of + 1", id), p.financial().get("invoices.failed_payments (last 90 days)"), id + " failed payments");
            same(scalar("SELECT count(*) FROM support_tickets t, dataset_info d WHERE t.customer_id = ? "
                    + "AND t.created_at >= d.as_of - 89 AND t.created_at < d.as_of + 1", id),
                    p.engagement().get("support_tickets.ticket_count (last 90 days)"), id + " tickets");
            same(scalar("SELECT 12 * coalesce(sum(m.mrr), 0) FROM mrr_snapshots m, dataset_info d WHERE m.customer_id = ? "
                    + "AND m.month = date_trunc('month', d.as_of)::date", id), p.financial().get("arr"), id + " ARR");
            same(scalar("SELECT coalesce(sum(m.mrr), 0) FROM mrr_snapshots m, dataset_info d WHERE m.customer_id = ? "
                    + "AND m.month = date_trunc('month', d.as_of)::date", id), p.financial().get("current_mrr"), id + " current MRR");
            same(scalar("SELECT count(*) FROM invoices WHERE status = 'paid' AND customer_id = ?", id),
                    p.financial().get("invoices.paid_invoice_count"), id + " paid invoices");
            same(scalar("SELECT sum(amount) FROM invoices i, dataset_info d WHERE i.status = 'paid' AND i.customer_id = ? "
                    + "AND i.issued_at > (d.as_of - interval '12 months')::date AND i.issued_at <= d.as_of", id),
                    p.financial().get("revenue (last 12 months)"), id + " revenue last 12 months");
            same(scalar("SELECT count(DISTINCT e.user_id) FROM product_events e, dataset_info d WHERE e.customer_id = ? "
                    + "AND e.event_time >= d.as_of - 29 AND e.event_time < d.as_of + 1", id),
                    p.engagement().get("product_events.active_users (last 30 days)"), id + " active users");
            assertEquals(scalar("SELECT max(event_time)::date FROM product_events WHERE customer_id = ?", id).toString(),
                    String.valueOf(p.engagement().get("last activity")), id + " last activity");
            assertEquals(scalar("SELECT o.name FROM customers c JOIN owners o USING (owner_id) WHERE c.customer_id = ?", id),
                    p.owner().get("owners.name"));
            Object lastNps = scalar("SELECT score FROM nps_responses WHERE customer_id = ? ORDER BY responded_at DESC LIMIT 1", id);
            if (lastNps != null) {
                assertTrue(p.recentEvents().stream().anyMatch(e -> e.get("event").equals("NPS response: " + lastNps + " ("
                        + (((Integer) lastNps) >= 9 ? "promoter" : ((Integer) lastNps) >= 7 ? "passive" : "detractor") + ")")),
                        id + " " + p.recentEvents());
            }
            boolean active = scalar("SELECT churned_at FROM customers WHERE customer_id = ?", id) == null;
            if (active) {
                same(scalar("SELECT count(DISTINCT e.feature_name)::numeric / (SELECT count(*) FROM features) FROM product_events e "
                        + "WHERE e.event_type = 'feature_used' AND e.customer_id = ?", id), p.engagement().get("feature_adoption_rate"),
                        id + " feature adoption");
                assertNotNull(p.engagement().get("customer_health.health_score"), id + " health score");
            } else {
                assertEquals("churned", String.valueOf(p.overview().get("customers.status")).toLowerCase(), id + " status");
            }
            for (int i = 1; i < p.recentEvents().size(); i++) {
                assertTrue(String.valueOf(p.recentEvents().get(i - 1).get("date")).compareTo(String.valueOf(p.recentEvents().get(i).get("date"))) >= 0,
                        "recent events newest first: " + p.recentEvents());
            }
            assertTrue(p.queries().size() >= 10);
        }
    }

    @Test
    void theCardReadsAsTextAndSerializesWithItsQueries() throws Exception {
        String id = customers().get(0);
        List<io.clarion.engine.QueryService.Outcome> ran = new ArrayList<>();
        CustomerProfile p = CustomerProfile.build(DemoEngine.queries(), id, ran::add);
        assertEquals(p.queries(), ran.stream().map(o -> o.compiled().query()).toList());
        String text = p.render(DemoEngine.catalog());
        assertTrue(text.startsWith("Customer profile: " + p.name() + " (" + id + ")"), text);
        for (String section : List.of("Overview", "Financial summary", "Engagement", "Owner", "Recent events")) {
            assertTrue(text.contains("\n" + section + "\n"), section + " in\n" + text);
        }
        assertTrue(text.matches("(?s).*Current MRR: \\$[0-9,.]+\n.*"), text);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .valueToTree(p);
        assertEquals(id, json.get("customer_id").asText());
        assertEquals("currency", json.get("formats").get("current_mrr").asText());
        assertEquals(p.queries().size(), json.get("queries").size());
        for (var q : json.get("queries")) {
            assertTrue(q.get("filters").toString().contains(id), q.toString());
            assertTrue(io.clarion.query.QueryParser.parse(q).filters().stream()
                    .anyMatch(f -> "customers.customer_id".equals(f.dimension()) && "equals".equals(f.operator())), q.toString());
        }
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThrows(NoSuchElementException.class, () -> CustomerProfile.build(DemoEngine.queries(), "cus_999999999"));
    }

    @Test
    void tellMeAboutACustomerAnswersWithTheCard() throws Exception {
        String id = customers().get(0);
        String name = (String) scalar("SELECT customer_name FROM customers WHERE customer_id = ?", id);
        ChatResponse r = chat.ask("Tell me about " + name, null);
        assertTrue(r.answer().startsWith("Customer profile: " + name), r.answer());
        assertTrue(r.results().size() >= 6);
        assertNotNull(r.definitions().stream().filter(d -> d.member().equals("arr")).findFirst().orElse(null));
        ChatResponse byId = chat.ask("tell me about " + id + "?", null);
        assertTrue(byId.answer().contains(id), byId.answer());
    }
}
