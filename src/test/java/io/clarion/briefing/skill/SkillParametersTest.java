package io.clarion.briefing.skill;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.query.MetricQuery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ${param}: typed where a value is exactly one reference, textual inside text; overrides substitute again. */
class SkillParametersTest {
    static final SkillLoader.LoadResult SHIPPED = SkillLoader.load(SkillLoaderTest.PROJECT.resolve("skills"), SkillLoaderTest.CATALOG);

    static Skill skill(String name) {
        assertTrue(SHIPPED.ok(), SHIPPED.report());
        return SHIPPED.skill(name).orElseThrow();
    }

    static JsonNode filterValue(MetricQuery q, int i) {
        return q.filters().get(i).value();
    }

    @Test
    void aWholeReferenceKeepsTheParametersType() {
        Skill risk = skill("weekly-retention-risk");
        assertEquals(60L, risk.parameters().get("health_below").value());
        JsonNode health = filterValue(risk.signalQuery("low_health"), 0);
        assertTrue(health.isNumber(), health.toString());
        assertEquals(60, health.intValue());
        List<JsonNode> between = risk.signalQuery("contract_ending").filters().get(0).values();
        assertTrue(between.get(0).isNumber() && between.get(1).isNumber(), between.toString());
        assertEquals(60, between.get(1).intValue());
        // A literal value not written as a reference is left as written.
        assertEquals("high", filterValue(risk.signalQuery("login_decline"), 0).textValue());
    }

    @Test
    void aReferenceInsideTextIsWrittenIn() {
        Skill risk = skill("weekly-retention-risk");
        JsonNode range = filterValue(risk.signalQuery("failed_payments"), 0);
        assertEquals("last 90 days", range.textValue());
        assertEquals("Health score under 60", risk.signal("low_health").label());
        assertEquals("More than 5 tickets in 30 days with CSAT under 3", risk.signal("ticket_spike_low_csat").label());
    }

    @Test
    void overridesSubstituteAgainAndLeaveTheOriginalAlone() {
        Skill risk = skill("weekly-retention-risk");
        Skill strict = risk.withParameters(Map.of("health_below", 45, "failed_payments_days", "30"));
        assertEquals(45, filterValue(strict.signalQuery("low_health"), 0).intValue());
        assertTrue(filterValue(strict.signalQuery("low_health"), 0).isNumber());
        assertEquals("Health score under 45", strict.signal("low_health").label());
        // A number given as text (from a form or the command line) stays a number.
        assertEquals(30L, strict.parameters().get("failed_payments_days").value());
        assertEquals("last 30 days", filterValue(strict.signalQuery("failed_payments"), 0).textValue());
        assertEquals("Failed payments in the last 30 days", strict.signal("failed_payments").label());
        assertEquals(60, filterValue(risk.signalQuery("low_health"), 0).intValue());
        assertEquals("Health score under 60", risk.signal("low_health").label());
    }

    @Test
    void anUnknownOverrideIsRefusedWithTheNearestName() {
        Skill risk = skill("weekly-retention-risk");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> risk.withParameters(Map.of("helth_below", 50)));
        assertEquals("skill weekly-retention-risk has no parameter \"helth_below\" (did you mean health_below?)", e.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> risk.withParameters(Map.of("health_below", "sixty")));
        assertTrue(notNumber.getMessage().contains("health_below is a number"), notNumber.getMessage());
    }

    @Test
    void aRequiredParameterIsGivenAtRunTime() {
        Skill profile = skill("customer-360-profile");
        assertEquals(List.of("customer_id"), profile.missingParameters());
        IllegalStateException missing = assertThrows(IllegalStateException.class, profile::requireParameters);
        assertTrue(missing.getMessage().contains("customer_id"), missing.getMessage());
        assertTrue(filterValue(profile.profile().get(0).query(), 0).isNull(), "no value until one is given");

        Skill one = profile.withParameters(Map.of("customer_id", "CUST-00042"));
        assertEquals(List.of(), one.missingParameters());
        for (Skill.ProfileSection s : one.profile()) {
            MetricQuery q = s.query();
            assertEquals("customers.customer_id", q.filters().get(0).dimension(), s.name());
            assertEquals("CUST-00042", filterValue(q, 0).textValue(), s.name());
        }
        Skill.ProfileSection support = one.profile().stream().filter(s -> s.name().equals("support")).findFirst().orElseThrow();
        assertEquals("Support (last 90 days)", support.label());
        assertEquals("last 90 days", filterValue(support.query(), 1).textValue());
    }
}
