package io.clarion.api;

import io.clarion.briefing.BriefingStore;
import io.clarion.briefing.feedback.BriefingFixture;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static io.clarion.briefing.feedback.BriefingFixture.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who sees which briefings and feedback: a missing owner_id or an unknown role sees nothing, never everything. */
class OwnerScopeTest {
    static BriefingFixture fx;
    static FeedbackService feedback;
    static long own1Latest;
    static long own2Briefing;

    @BeforeAll
    static void setUp() {
        fx = BriefingFixture.fresh("owner_scope");
        feedback = new FeedbackService(fx.dataSource());
        // own_2 has many briefings in later cycles than own_1's, so a limit applied before the owner filter drops own_1's.
        for (int week = 0; week < 6; week++) {
            LocalDate cycle = LocalDate.of(2026, 5, 4).plusWeeks(week);
            long b1 = fx.briefing(SKILL, "own_1", cycle);
            fx.account(b1, "cus_1", "Acme", 6);
            if (week == 5) own1Latest = b1;
        }
        for (int week = 0; week < 6; week++) {
            long b2 = fx.briefing(SKILL, "own_2", LocalDate.of(2026, 7, 6).plusWeeks(week));
            fx.account(b2, "cus_2", "Globex", 6);
            own2Briefing = b2;
        }
        FeedbackResource admin = feedbackApi(Access.FULL);
        admin.record("{\"skill\": \"" + SKILL + "\", \"owner_id\": \"own_1\", \"customer_id\": \"cus_1\", \"verdict\": \"confirmed\"}");
        admin.record("{\"skill\": \"" + SKILL + "\", \"owner_id\": \"own_2\", \"customer_id\": \"cus_2\", \"verdict\": \"false_positive\"}");
    }

    static Access as(String name, List<String> roles, Map<String, String> attributes) {
        return Access.of(DemoEngine.catalog(), new Principal(name, roles, attributes));
    }

    static BriefingResource briefingApi(Access a) {
        BriefingResource r = new BriefingResource();
        r.store = new BriefingStore(fx.dataSource());
        r.feedback = feedback;
        r.caller = Caller.of(a);
        return r;
    }

    static FeedbackResource feedbackApi(Access a) {
        FeedbackResource r = new FeedbackResource();
        r.feedback = feedback;
        r.caller = Caller.of(a);
        return r;
    }

    @Test
    void anOwnerWithoutOwnerIdOrAnUnknownRoleSeesNothing() {
        for (Access nobody : List.of(as("olga", List.of("owner"), Map.of()), as("olga", List.of("owner"), Map.of("owner_id", " ")),
                as("mallory", List.of("intern"), Map.of()), as("nora", List.of(), Map.of()))) {
            assertEquals(List.of(), briefingApi(nobody).list(SKILL, 100), nobody.toString());
            assertEquals(List.of(), briefingApi(nobody).list(null, 100), nobody.toString());
            assertEquals(List.of(), briefingApi(nobody).precision(SKILL), nobody.toString());
            assertEquals(List.of(), feedbackApi(nobody).list(null, null, null), nobody.toString());
            assertThrows(NoSuchElementException.class, () -> feedbackApi(nobody).history(
                    feedback.list("own_1", null, null).get(0).id()), nobody.toString());
            assertThrows(Forbidden.class, () -> feedbackApi(nobody).record("{\"skill\": \"" + SKILL
                    + "\", \"owner_id\": \"own_1\", \"customer_id\": \"cus_1\", \"verdict\": \"handled\"}"), nobody.toString());
        }
    }

    @Test
    void anOwnerSeesTheirOwnAndLimitCountsOnlyThose() {
        Access olga = as("olga", List.of("owner"), Map.of("owner_id", "own_1"));
        List<BriefingStore.Summary> mine = briefingApi(olga).list(SKILL, 3);
        assertEquals(3, mine.size(), mine.toString());
        assertTrue(mine.stream().allMatch(b -> b.ownerId().equals("own_1")), mine.toString());
        assertEquals(own1Latest, mine.get(0).id());
        assertTrue(feedbackApi(olga).list(null, null, null).stream().allMatch(f -> f.ownerId().equals("own_1")));
        // Precision of the owner's own verdicts only: own_2's false positive is not counted, nor own_2's cycles listed.
        var precision = briefingApi(olga).precision(SKILL);
        assertEquals(6, precision.size(), precision.toString());
        assertEquals(0, precision.stream().mapToInt(p -> p.falsePositives()).sum(), precision.toString());
        assertEquals(12, briefingApi(Access.FULL).precision(SKILL).size());
    }

    @Test
    void booleansInTheQueryStringAreTrueOrFalseOnly() {
        BriefingResource r = briefingApi(Access.FULL);
        for (String bad : List.of("1", "yes", "on", "maybe", "0", "tru")) {
            BadRequest e = assertThrows(BadRequest.class, () -> r.run(SKILL, bad, null), bad);
            assertEquals("invalid_boolean", e.code());
        }
        assertTrue(QueryParams.bool("dry_run", "TRUE", false));
        assertEquals(false, QueryParams.bool("dry_run", "false", true));
        assertEquals(true, QueryParams.bool("dry_run", null, true));
    }
}
