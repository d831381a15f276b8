package io.clarion.engine;

import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.DataQuality;
import io.clarion.briefing.change.WhatChangedAnalysis;
import io.clarion.briefing.change.WhatChangedSpec;
import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.governance.policy.Access;
import io.clarion.query.MetricQuery;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly briefing's recipient views read each query once for every owner, grouped by the
 * owner column with full row access ({@link SplitReads}); the owner rollups are declared for
 * those shapes. Each such read the briefing asks is served by its owner rollup with the raw rows,
 * while the same query without the owner stays on the smaller dashboard rollup.
 */
class RollupOwnerReadsTest {
    static final Set<String> CUBES = Set.of("mrr", "support_tickets", "customers", "product_events");
    static final String OWNER = "customers.owner_id";
    static QueryService raw;
    static QueryService withRollups;

    @BeforeAll
    static void build() {
        RollupTestShapes.Built b = RollupTestShapes.build(r -> CUBES.contains(r.cube()));
        raw = b.raw();
        withRollups = b.withRollups();
    }

    @Test
    void theBriefingsSharedReadsAreServedByTheOwnerRollupsWithTheRawRows() {
        LocalDate cycle = raw.referenceDate();
        // The queries one owner's view asks, as the recipient views ask them.
        SplitReads.Asking asking = new SplitReads.Asking();
        QueryService asOwner = raw.as(BriefingRun.recipientAccess(raw, "own_001")).readingThrough(asking);
        DataQuality.forRecipient(asOwner, cycle);
        WhatChangedAnalysis.forSentences(asOwner).analyse(whatChanged(), cycle);
        // Read together for all owners: full rows, PII masked, grouped by the owner as well.
        Access shared = Access.FULL.withoutPii();
        TreeMap<String, Integer> served = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (SplitReads.Asked a : asking.asked()) {
            MetricQuery q = a.query();
            List<String> dims = new ArrayList<>(q.dimensions());
            if (!dims.contains(OWNER)) dims.add(OWNER);
            MetricQuery all = new MetricQuery(q.metrics(), dims, q.filters(), q.segments(), q.orderBy(), PopulationReads.MAX_ROWS,
                    q.timezone(), q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly());
            QueryService.Options options = new QueryService.Options(false, PopulationReads.MAX_ROWS, shared);
            QueryService.Outcome on = withRollups.run(all, options);
            String by = on.compiled().rollup().served();
            if (by == null) continue;
            served.merge(by, 1, Integer::sum);
            List<List<Object>> off = raw.run(all, options).result().rows();
            if (off.isEmpty()) failures.add(by + " " + all + ": no rows to compare");
            if (!RollupTest.sameRows(off, on.result().rows())) failures.add(by + " " + all + ": rows differ from the raw tables");
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of("mrr_by_owner_month", "tickets_by_owner_month", "latest_event_by_owner_month",
                "new_customers_by_owner_month", "churned_customers_by_owner_month"), served.keySet(), served.toString());
    }

    @Test
    void eachSharedReadShapeIsServedByItsOwnerRollup() {
        List<String> by = List.of("mrr_by_owner_month", "latest_event_by_owner_month", "tickets_by_owner_month",
                "new_customers_by_owner_month", "churned_customers_by_owner_month");
        for (int i = 0; i < by.size(); i++) {
            String q = RollupTestShapes.BRIEFING_READS.get(i);
            QueryService.Compiled c = withRollups.compile(io.clarion.query.QueryParser.parse(q), new QueryService.Options(false));
            assertEquals(by.get(i), c.rollup().served(), q + " " + c.rollup().notes());
            assertEquals(java.util.Optional.empty(), RollupTest.compare(raw, withRollups, q, Access.FULL), q);
        }
    }

    @Test
    void withoutTheOwnerTheSmallerDashboardRollupServes() {
        String tickets = "{\"metrics\": [\"support_tickets.ticket_count\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\", \"support_tickets.category\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025-12 to 2026-05\"}]}";
        QueryService.Compiled c = withRollups.compile(io.clarion.query.QueryParser.parse(tickets), new QueryService.Options(false));
        assertEquals("tickets_by_month", c.rollup().served(), c.rollup().notes().toString());
        assertTrue(c.rollup().notes().contains("tickets_by_owner_month: not used: tickets_by_month answers too and is smaller"),
                c.rollup().notes().toString());
        String byOwner = tickets.replace("\"customers.segment\"", "\"customers.segment\", \"customers.owner_id\"");
        QueryService.Compiled o = withRollups.compile(io.clarion.query.QueryParser.parse(byOwner), new QueryService.Options(false));
        assertEquals("tickets_by_owner_month", o.rollup().served(), o.rollup().notes().toString());
        assertTrue(o.rollup().notes().contains("tickets_by_month: not used: it does not keep dimension customers.owner_id"),
                o.rollup().notes().toString());
    }

    private static WhatChangedSpec whatChanged() {
        return SkillLoader.load(DemoEngine.projectDir().resolve("skills"), DemoEngine.projectDir().resolve("briefings"), DemoEngine.catalog())
                .skills().stream().filter(s -> s.kind() == Skill.Kind.WHAT_CHANGED).findFirst().flatMap(Skill::whatChangedSpec).orElseThrow();
    }
}
