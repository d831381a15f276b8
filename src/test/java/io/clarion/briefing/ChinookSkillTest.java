package io.clarion.briefing;

import io.clarion.app.Clarion;
import io.clarion.briefing.change.MetricChange;
import io.clarion.briefing.change.WhatChanged;
import io.clarion.briefing.skill.Skill;
import io.clarion.demo.Progress;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skills adapted to Chinook by binding alone: the reviewed Chinook catalog declares its roles
 * (customer, its id and name, the support rep who owns it, revenue), and two skill files written
 * only in terms of those roles and Chinook's own members run on it with no new code: a what-changed
 * analysis and a risk list per support rep, in dry-run mode, each checked against hand-written SQL.
 */
class ChinookSkillTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    static DataSource chinook;
    static Clarion clarion;

    @BeforeAll
    static void start() {
        chinook = Datasets.chinook("skills_bound_chinook");
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl("skills_bound_chinook"));
        c.put("clarion.store.jdbc-url", TestDatabase.jdbcUrl("skills_bound_chinook_store"));
        c.put("clarion.catalog.dir", DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook").toString());
        c.put("clarion.skills.dir", DemoEngine.projectDir().resolve("src/test/resources/skills/chinook").toString());
        c.put("clarion.briefings.dir", DemoEngine.projectDir().resolve("briefings").toString());
        c.put("clarion.demo.load", "false");
        c.put("clarion.scheduler.enabled", "false");
        c.put("clarion.reference-date", AS_OF.toString());
        TestDatabase.freshDatabase("skills_bound_chinook_store");
        clarion = Clarion.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
    }

    @AfterAll
    static void stop() {
        if (clarion != null) clarion.close();
    }

    @Test
    void bothSkillsBindToTheChinookRoles() {
        assertTrue(clarion.briefings().disabledSkills().isEmpty(), "switched off: " + clarion.briefings().disabledSkills());
        assertEquals(Set.of("quiet-customers", "sales-what-changed"),
                clarion.briefings().skills().stream().map(Skill::name).collect(Collectors.toSet()));
    }

    @Test
    void whatChangedComparesLastMonthsRevenueWithHandWrittenSql() throws Exception {
        Skill skill = clarion.briefings().skill("sales-what-changed").orElseThrow();
        WhatChanged w = SkillRuns.whatChanged(skill, Map.of(), clarion.briefings().queries(), AS_OF);
        assertEquals(2, w.metrics().size());
        MetricChange revenue = w.metrics().get(0);
        assertEquals("revenue", revenue.member(), "the revenue role is the catalog's revenue metric");
        var period = w.compared();
        BigDecimal hand = (BigDecimal) Datasets.rows(chinook, "SELECT coalesce(sum(total), 0) FROM invoice WHERE invoice_date >= DATE '"
                + period.start() + "' AND invoice_date < DATE '" + period.end() + "'").get(0).get(0);
        assertEquals(hand.doubleValue(), revenue.change().value(), 0.005, "revenue of " + period.label());
        assertFalse(revenue.sentence().isBlank());
        assertTrue(revenue.breakdowns().stream().anyMatch(b -> b.dimension().equals("invoice.billing_country") && !b.groups().isEmpty()),
                revenue.breakdowns().toString());
    }

    @Test
    void theRiskListFlagsQuietCustomersPerSupportRepLikeHandWrittenSql() throws Exception {
        Briefings.Outcome dry = clarion.briefings().run("quiet-customers", AS_OF, true);
        var report = dry.report();
        assertTrue(report.dryRun());
        assertEquals(59, report.accountsInScope(), "every Chinook customer has bought something");
        // Flagged: spent something but under 4 in the last 12 months (2 points), the threshold for a flag.
        Set<String> hand = Datasets.rows(chinook, "SELECT customer_id FROM invoice WHERE invoice_date >= DATE '2025-01-01' "
                + "AND invoice_date < DATE '2026-01-01' GROUP BY customer_id HAVING sum(total) < 4").stream()
                .map(r -> String.valueOf(r.get(0))).collect(Collectors.toCollection(TreeSet::new));
        Set<String> flagged = report.briefings().stream().flatMap(b -> b.briefing().accounts().stream())
                .map(a -> a.scored().customerId()).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(hand.isEmpty(), "the data has quiet customers to find");
        assertEquals(hand, flagged);
        assertEquals(hand.size(), report.flagged());
        Map<String, String> repOf = Datasets.rows(chinook, "SELECT customer_id, support_rep_id FROM customer").stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get(0)), r -> String.valueOf(r.get(1))));
        for (var b : report.briefings()) {
            String rep = b.briefing().owner().ownerId();
            assertTrue(b.briefing().owner().email().endsWith("@chinookcorp.com"), "the rep's e-mail from the owner_email role: " + b.briefing().owner());
            assertFalse(b.briefing().owner().name().isBlank());
            for (var a : b.briefing().accounts()) {
                assertEquals(rep, repOf.get(a.scored().customerId()), "each account goes to its own support rep");
                assertFalse(a.scored().name().isBlank(), "the customer's name from the customer_name role");
            }
        }
        List<String> reps = report.briefings().stream().map(b -> b.briefing().owner().ownerId()).distinct().toList();
        assertEquals(report.briefings().size(), reps.size(), "one briefing per rep");
    }

    @Test
    void theProfileCardIsBuiltFromTheMembersChinookMarksForIt() throws Exception {
        // Customer 5: revenue of the 12 months to the reference date, the support rep who owns them.
        var card = io.clarion.agent.chat.CustomerProfile.build(clarion.engine().queries(), "5");
        assertEquals("5", card.customerId());
        assertFalse(card.name() == null || card.name().isBlank(), "the customer_name role names the card: " + card);
        double hand = ((Number) Datasets.rows(chinook, "SELECT coalesce(sum(total), 0) FROM invoice WHERE customer_id = 5 "
                + "AND invoice_date >= DATE '2025-01-01' AND invoice_date < DATE '2026-01-01'").get(0).get(0)).doubleValue();
        assertEquals(1, card.financial().size(), card.financial().toString());
        Object revenue = card.financial().values().iterator().next();
        assertEquals(hand, ((Number) revenue).doubleValue(), 0.005, "revenue, last 12 months: " + card.financial());
        String rep = (String) Datasets.rows(chinook, "SELECT e.first_name || ' ' || e.last_name FROM customer c JOIN employee e "
                + "ON e.employee_id = c.support_rep_id WHERE c.customer_id = 5").get(0).get(0);
        assertTrue(card.owner().containsValue(rep), "the owner section from the owner_name role: " + card.owner());
        assertThrows(java.util.NoSuchElementException.class, () -> io.clarion.agent.chat.CustomerProfile.build(clarion.engine().queries(), "99999"));
    }
}
