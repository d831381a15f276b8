package io.clarion.briefing;

import io.clarion.api.BadRequest;
import io.clarion.api.SkillResource;
import io.clarion.briefing.change.WhatChanged;
import io.clarion.testing.TestDatabase;
import io.clarion.engine.Engine;
import io.clarion.demo.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The on-demand skills (profile card, what changed) through the skills API, on the demo data set. */
class SkillRunsTest {
    static Engine engine;
    static Briefings briefings;
    static SkillResource api;

    @BeforeAll
    static void start() {
        Map<String, String> c = Map.of("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl(), "clarion.store.jdbc-url", TestDatabase.demoJdbcUrl(),
                "clarion.demo.load", "false");
        engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
        briefings = Briefings.assemble(engine, k -> Optional.ofNullable(c.get(k)));
        api = new SkillResource();
        setField(api, "briefings", briefings);
        setField(api, "caller", io.clarion.api.Caller.of(io.clarion.governance.policy.Access.FULL));
        setField(api, "engine", engine);
    }

    static void setField(SkillResource r, String name, Object value) {
        try {
            var f = SkillResource.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(r, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        briefings.close();
        engine.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProfileCardShowsTheCustomerTheDataHas() throws Exception {
        Map<String, Object> out = (Map<String, Object>) api.run("customer-360-profile", "{\"parameters\": {\"customer_id\": \"cus_000042\"}}");
        List<SkillRuns.Section> sections = (List<SkillRuns.Section>) out.get("sections");
        assertTrue(sections.size() >= 5, sections.toString());
        SkillRuns.Section identity = sections.get(0);
        int name = -1;
        for (int i = 0; i < identity.columns().size(); i++) if (identity.columns().get(i).name().equals("customers.customer_name")) name = i;
        assertEquals(1, identity.rows().size(), identity.toString());
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_name FROM customers WHERE customer_id = 'cus_000042'")) {
            rs.next();
            assertEquals(rs.getString(1), identity.rows().get(0).get(name));
        }
        for (SkillRuns.Section sec : sections) {
            for (List<Object> row : sec.rows()) {
                int id = -1;
                for (int i = 0; i < sec.columns().size(); i++) if (sec.columns().get(i).name().endsWith(".customer_id")) id = i;
                if (id >= 0) assertEquals("cus_000042", row.get(id), "every section is about that customer: " + sec);
            }
        }
    }

    @Test
    void theProfileNeedsItsCustomer() {
        BadRequest e = assertThrows(BadRequest.class, () -> api.run("customer-360-profile", "{}"));
        assertEquals("invalid_parameters", e.code());
        assertTrue(e.getMessage().contains("customer_id"), e.getMessage());
        BadRequest typo = assertThrows(BadRequest.class, () -> api.run("customer-360-profile", "{\"parameters\": {\"customer\": \"x\"}}"));
        assertTrue(typo.getMessage().contains("customer_id"), "did you mean: " + typo.getMessage());
        assertEquals("wrong_endpoint", assertThrows(BadRequest.class, () -> api.run("weekly-retention-risk", "")).code());
        assertThrows(java.util.NoSuchElementException.class, () -> api.run("nope", ""));
    }

    @Test
    void whatChangedRunsForTheSkillsKeyMetrics() {
        WhatChanged w = (WhatChanged) api.run("what-changed", "{\"as_of\": \"2026-06-15\"}");
        assertEquals(5, w.metrics().size());
        assertTrue(w.metrics().stream().allMatch(m -> m.sentence().contains("May 2026")), w.metrics().toString());
        assertTrue(api.list().stream().anyMatch(s -> s.name().equals("weekly-retention-risk") && s.schedule().startsWith("0 0 7 ? * MON")));
        assertEquals(new BigDecimal(60).intValue(), ((Number) api.list().stream().filter(s -> s.name().equals("weekly-retention-risk"))
                .findFirst().orElseThrow().parameters().get("health_below")).intValue());
    }
}
