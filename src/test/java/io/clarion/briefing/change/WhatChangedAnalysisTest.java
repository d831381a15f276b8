package io.clarion.briefing.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.briefing.change.WhatChangedSpec.KeyMetric;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Favorable;
import io.clarion.catalog.model.Grain;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import io.clarion.engine.QueryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The what-changed analysis on the demo data set (as of 2026-06-15), against hand-written SQL. */
class WhatChangedAnalysisTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);
    static final LocalDate MAY = LocalDate.of(2026, 5, 1);
    static final LocalDate APRIL = LocalDate.of(2026, 4, 1);
    static final LocalDate JUNE = LocalDate.of(2026, 6, 1);
    static final List<String> BY = List.of("customers.segment", "customers.region", "customers.acquisition_channel");

    /** The key metrics a retention briefing would watch, each on the time dimension that dates it. */
    static final WhatChangedSpec SPEC = new WhatChangedSpec(Grain.MONTH, 6, 2.0, 0.6, 3, List.of(
            new KeyMetric("customers.new_customer_count", "New customers", "customers.created_date", BY),
            new KeyMetric("monthly_churn_rate", "Churn rate", "customers.churned_date", BY),
            new KeyMetric("mrr", "MRR", "mrr.month", BY),
            new KeyMetric("net_promoter_score", "NPS", "nps_responses.responded_date", BY),
            new KeyMetric("support_tickets.ticket_count", "Support tickets", "support_tickets.created_date", BY)));

    static WhatChanged result;

    @BeforeAll
    static void analyse() {
        result = new WhatChangedAnalysis(DemoEngine.queries()).analyse(SPEC, AS_OF);
    }

    static MetricChange metric(String member) {
        return result.metrics().stream().filter(m -> m.member().equals(member)).findFirst().orElseThrow();
    }

    static Breakdown breakdown(MetricChange m, String dim) {
        return m.breakdowns().stream().filter(b -> b.dimension().equals(dim)).findFirst().orElseThrow();
    }

    @Test
    void comparesTheLastCompleteMonthWithTheOneBeforeAndShowsTheCurrentOneOnly() {
        assertEquals(new Period(MAY, JUNE, "May 2026"), result.compared());
        assertEquals(new Period(APRIL, MAY, "April 2026"), result.previous());
        assertEquals(JUNE, result.current().start());
        assertTrue(result.comparison().contains("not compared"), result.comparison());
        for (MetricChange m : result.metrics()) {
            assertEquals(SPEC.history() + 2, m.series().size(), m.member());
            assertEquals(LocalDate.of(2025, 11, 1), m.series().get(0).period().start(), m.member());
            assertFalse(m.series().get(m.series().size() - 1).complete(), m.member());
            assertTrue(m.series().subList(0, SPEC.history() + 1).stream().allMatch(SeriesPoint::complete), m.member());
            assertEquals(m.series().get(SPEC.history()).value(), m.change().value(), m.member());
            assertEquals(m.series().get(SPEC.history() - 1).value(), m.change().previous(), m.member());
            assertEquals(SPEC.history() - 1, m.unusual().earlierChanges(), m.member());
        }
    }

    @Test
    void mrrAndItsSegmentChangesMatchHandWrittenSql() throws Exception {
        MetricChange mrr = metric("mrr");
        Map<String, double[]> sql = new HashMap<>(); // segment -> {april, may}
        double[] total = new double[2];
        try (Connection c = TestDatabase.demo().getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT c.segment,
                       coalesce(sum(m.mrr) FILTER (WHERE m.month = ?), 0),
                       coalesce(sum(m.mrr) FILTER (WHERE m.month = ?), 0)
                FROM mrr_snapshots m JOIN customers c ON c.customer_id = m.customer_id
                GROUP BY c.segment""")) {
            ps.setObject(1, APRIL);
            ps.setObject(2, MAY);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sql.put(rs.getString(1), new double[]{rs.getDouble(2), rs.getDouble(3)});
                    total[0] += rs.getDouble(2);
                    total[1] += rs.getDouble(3);
                }
            }
        }
        assertEquals(total[1], mrr.change().value(), 0.005);
        assertEquals(total[0], mrr.change().previous(), 0.005);
        assertEquals(total[1] - total[0], mrr.change().change(), 0.005);
        assertEquals((total[1] - total[0]) / total[0], mrr.change().changePct(), 1e-9);
        Breakdown seg = breakdown(mrr, "customers.segment");
        assertEquals(sql.keySet(), groups(seg));
        for (GroupChange g : seg.groups()) {
            double[] v = sql.get(g.group());
            assertEquals(v[1] - v[0], g.change(), 0.005, g.group());
            assertEquals((v[1] - v[0]) / (total[1] - total[0]), g.share(), 1e-9, g.group());
        }
        assertTrue(mrr.additive());
    }

    @Test
    void churnRateAndItsSegmentChangesMatchHandWrittenSql() throws Exception {
        MetricChange churn = metric("monthly_churn_rate");
        assertFalse(churn.additive());
        Map<String, Double> april = churnRates(APRIL, MAY);
        Map<String, Double> may = churnRates(MAY, JUNE);
        assertEquals(may.get(""), churn.change().value(), 1e-12);
        assertEquals(april.get(""), churn.change().previous(), 1e-12);
        assertEquals(may.get("") - april.get(""), churn.change().change(), 1e-12);
        Breakdown seg = breakdown(churn, "customers.segment");
        for (GroupChange g : seg.groups()) {
            assertEquals(may.get(g.group()) - april.get(g.group()), g.change(), 1e-12, g.group());
            assertNull(g.share(), "a rate's groups carry no share of the total");
        }
        assertEquals(3, seg.groups().size());
        assertNull(seg.concentration());
        assertTrue(seg.note().contains("own change"), seg.note());
    }

    /** Logo churn rate for [from, until) in total ("") and per segment, straight from the definition. */
    private static Map<String, Double> churnRates(LocalDate from, LocalDate until) throws Exception {
        Map<String, Double> out = new HashMap<>();
        try (Connection c = TestDatabase.demo().getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(segment, ''),
                       count(*) FILTER (WHERE churned_at >= ? AND churned_at < ?)::numeric
                       / count(*) FILTER (WHERE created_at < ? AND (churned_at IS NULL OR churned_at >= ?))
                FROM customers
                GROUP BY GROUPING SETS ((segment), ())""")) {
            ps.setObject(1, from);
            ps.setObject(2, until);
            ps.setObject(3, from);
            ps.setObject(4, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return out;
    }

    @Test
    void additiveGroupChangesAddUpToTheTotalChange() {
        int checked = 0;
        for (MetricChange m : result.metrics()) {
            if (!m.additive()) continue;
            for (Breakdown b : m.breakdowns()) {
                assertFalse(b.truncated());
                double sum = b.groups().stream().mapToDouble(GroupChange::change).sum();
                assertEquals(m.change().change(), sum, 1e-6, m.member() + " by " + b.dimension());
                double shares = b.groups().stream().mapToDouble(GroupChange::share).sum();
                assertEquals(1.0, shares, 1e-9, m.member() + " by " + b.dimension());
                checked++;
            }
        }
        assertEquals(9, checked, "new customers, MRR and tickets, three breakdowns each");
        assertFalse(metric("net_promoter_score").additive());
    }

    @Test
    void judgementAndContributorsFollowTheFavourableDirection() {
        for (MetricChange m : result.metrics()) {
            double c = m.change().change();
            assertTrue(c != 0, m.member());
            boolean upIsGood = m.favorable() == Favorable.UP;
            Judgement expected = (c > 0) == upIsGood ? Judgement.GOOD : Judgement.BAD;
            assertEquals(expected, m.judgement(), m.member() + " changed by " + c);
            for (Breakdown b : m.breakdowns()) {
                assertTrue(b.contributors().size() <= SPEC.topN() && b.detractors().size() <= SPEC.topN());
                // Contributors move the metric the good way: up for MRR, down for churn and tickets.
                b.contributors().forEach(g -> assertTrue(upIsGood ? g.change() > 0 : g.change() < 0, m.member() + " " + g));
                b.detractors().forEach(g -> assertTrue(upIsGood ? g.change() < 0 : g.change() > 0, m.member() + " " + g));
            }
        }
        assertEquals(Favorable.DOWN, metric("monthly_churn_rate").favorable());
        assertEquals(Favorable.DOWN, metric("support_tickets.ticket_count").favorable());
        assertEquals(Favorable.UP, metric("mrr").favorable());
        // Same sign of change, opposite verdicts: the direction decides.
        assertEquals(Judgement.GOOD, WhatChangedAnalysis.judge(1.0, Favorable.UP));
        assertEquals(Judgement.BAD, WhatChangedAnalysis.judge(1.0, Favorable.DOWN));
        assertEquals(Judgement.BAD, WhatChangedAnalysis.judge(-1.0, Favorable.UP));
        assertEquals(Judgement.GOOD, WhatChangedAnalysis.judge(-1.0, Favorable.DOWN));
        assertEquals(Judgement.NEUTRAL, WhatChangedAnalysis.judge(1.0, null));
        assertEquals(Judgement.NEUTRAL, WhatChangedAnalysis.judge(0.0, Favorable.UP));
    }

    @Test
    void aConcentrationIsNamedInTheSentence() {
        MetricChange mrr = metric("mrr");
        Concentration top = mrr.concentration();
        assertNotNull(top, "one segment carries most of the MRR change in the demo data");
        assertTrue(top.share() >= SPEC.concentrationShare());
        assertTrue(mrr.sentence().contains(top.group() + " carries "), mrr.sentence());
        assertTrue(mrr.sentence().startsWith("MRR rose ") || mrr.sentence().startsWith("MRR fell "), mrr.sentence());
        assertTrue(mrr.sentence().contains("in May 2026"), mrr.sentence());
    }

    @Test
    void sameInputSameSentencesAndTheResultSurvivesJson() throws Exception {
        WhatChanged again = new WhatChangedAnalysis(DemoEngine.queries()).analyse(SPEC, AS_OF);
        assertEquals(result.metrics().stream().map(MetricChange::sentence).toList(),
                again.metrics().stream().map(MetricChange::sentence).toList());
        assertEquals(result, again);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        String text = json.writeValueAsString(result);
        assertTrue(text.contains("\"start\":\"2026-05-01\""), "dates are ISO text");
        assertEquals(result, json.readValue(text, WhatChanged.class));
    }

    @Test
    void theReferenceDateMovesThePeriods() {
        WhatChangedSpec spec = new WhatChangedSpec(Grain.MONTH, 3, 2.0, 0.6, 3, List.of(SPEC.metrics().get(2)));
        WhatChanged earlier = new WhatChangedAnalysis(DemoEngine.queries()).analyse(spec, LocalDate.of(2026, 5, 20));
        assertEquals(APRIL, earlier.compared().start());
        // April's MRR is the same number whichever day we look from.
        assertEquals(metric("mrr").change().previous(), earlier.metrics().get(0).change().value(), 0.005);
        assertEquals(LocalDate.of(2026, 6, 15), DemoEngine.queries().referenceDate(), "the shared service is untouched");
    }

    @Test
    void unknownMembersAreNamedWithSuggestionsBeforeAnythingRuns() {
        WhatChangedSpec spec = new WhatChangedSpec(Grain.MONTH, 6, 2.0, 0.6, 3, List.of(
                new KeyMetric("mrrr", "MRR", "mrr.month", List.of()),
                new KeyMetric("support_tickets.ticket_count", "Tickets", "support_tickets.created_date",
                        List.of("customers.segmnt"))));
        WhatChangedException e = assertThrows(WhatChangedException.class,
                () -> new WhatChangedAnalysis(DemoEngine.queries()).analyse(spec, AS_OF));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("unknown metric or measure \"mrrr\"") && e.problems().get(0).contains("mrr"),
                e.problems().get(0));
        assertTrue(e.problems().get(1).contains("customers.segmnt") && e.problems().get(1).contains("did you mean customers.segment"),
                e.problems().get(1));
    }

    @Test
    void runsCertifiedOnly(@TempDir Path dir) throws Exception {
        // The demo catalog plus an uncertified measure and dimension.
        try (Stream<Path> files = Files.list(DemoEngine.projectDir().resolve("semantic"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("drafts.yml"), """
                cubes:
                  - name: customers
                    measures:
                      - name: draft_signups
                        type: count
                        time_dimension: created_date
                        favorable: up
                        certified: false
                        description: Work in progress.
                    dimensions:
                      - name: draft_tier
                        type: string
                        sql: plan
                        certified: false
                        description: Work in progress.
                """);
        CatalogLoader.LoadResult loaded = CatalogLoader.load(dir);
        assertTrue(loaded.ok(), loaded.report());
        Catalog catalog = loaded.catalog();
        QueryService service = new QueryService(catalog, TestDatabase.demo(), PostgresDialect.INSTANCE, () -> AS_OF, 10_000,
                Duration.ofSeconds(60));
        // Both run when certification is not required, so only certification can stop them below.
        service.run(MetricQuery.of(List.of("customers.draft_signups"), List.of("customers.draft_tier")), QueryService.Options.DEFAULT);

        WhatChangedSpec spec = new WhatChangedSpec(Grain.MONTH, 6, 2.0, 0.6, 3, List.of(
                new KeyMetric("customers.draft_signups", "Draft signups", "customers.created_date", List.of()),
                new KeyMetric("customers.new_customer_count", "New customers", "customers.created_date",
                        List.of("customers.segment", "customers.draft_tier"))));
        WhatChangedException e = assertThrows(WhatChangedException.class, () -> new WhatChangedAnalysis(service).analyse(spec, AS_OF));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("customers.draft_signups is not certified"), e.problems().get(0));
        assertTrue(e.problems().get(1).contains("customers.draft_tier is not certified"), e.problems().get(1));
        assertTrue(e.getMessage().startsWith("the what-changed analysis cannot run: "), e.getMessage());
    }

    @Test
    void aBadSpecIsRejectedWithEveryProblem() {
        WhatChangedSpec spec = new WhatChangedSpec(null, 0, 0, 1.5, 0, List.of());
        WhatChangedException e = assertThrows(WhatChangedException.class,
                () -> new WhatChangedAnalysis(DemoEngine.queries()).analyse(spec, AS_OF));
        assertEquals(5, e.problems().size(), e.problems().toString());
    }

    @Test
    void readForItsSentencesItSaysWhatTheFullAnalysisSaysForEveryOwnerAndSkipsBreakdownsOfUnmovedMetrics() throws Exception {
        QueryService all = DemoEngine.queries();
        List<String> owners = new java.util.ArrayList<>();
        try (Connection c = TestDatabase.demo().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT owner_id FROM owners ORDER BY owner_id")) {
            while (rs.next()) owners.add(rs.getString(1));
        }
        int unmoved = 0;
        int moved = 0;
        for (String owner : owners) {
            QueryService asOwner = all.as(io.clarion.briefing.BriefingRun.recipientAccess(all, owner));
            WhatChanged full = new WhatChangedAnalysis(asOwner).analyse(SPEC, AS_OF);
            WhatChanged brief = WhatChangedAnalysis.forSentences(asOwner).analyse(SPEC, AS_OF);
            assertEquals(full.metrics().stream().map(MetricChange::sentence).toList(),
                    brief.metrics().stream().map(MetricChange::sentence).toList(), owner);
            for (int i = 0; i < full.metrics().size(); i++) {
                Double change = full.metrics().get(i).change().change();
                boolean explained = change != null && change != 0;
                if (explained) moved++;
                else unmoved++;
                assertEquals(explained ? full.metrics().get(i).breakdowns().size() : 0, brief.metrics().get(i).breakdowns().size(),
                        owner + " " + full.metrics().get(i).member());
            }
        }
        // Both kinds occur, so both branches were compared.
        assertTrue(unmoved > 0 && moved > 0, "unmoved " + unmoved + ", moved " + moved);
    }

    @Test
    void combinedQueriesGiveWhatOneQueryPerBreakdownGivesForTheBusinessAndEveryOwner() throws Exception {
        QueryService all = DemoEngine.queries();
        List<QueryService> readers = new java.util.ArrayList<>(List.of(all));
        try (Connection c = TestDatabase.demo().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT owner_id FROM owners ORDER BY owner_id LIMIT 12")) {
            while (rs.next()) readers.add(all.as(io.clarion.briefing.BriefingRun.recipientAccess(all, rs.getString(1))));
        }
        int compared = 0;
        for (QueryService q : readers) {
            WhatChanged combined = new WhatChangedAnalysis(q).analyse(SPEC, AS_OF);
            WhatChanged separate = WhatChangedAnalysis.queryByQuery(q).analyse(SPEC, AS_OF);
            assertEquals(separate.metrics().size(), combined.metrics().size());
            for (int i = 0; i < separate.metrics().size(); i++) {
                assertEquals(separate.metrics().get(i).toString(), combined.metrics().get(i).toString(), q.toString());
                compared += separate.metrics().get(i).breakdowns().size();
            }
        }
        assertTrue(compared > 50, "breakdowns compared: " + compared);
    }

    @Test
    void onChinookCombinedQueriesGiveWhatOneQueryPerBreakdownGives() {
        CatalogLoader.LoadResult loaded = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        assertTrue(loaded.ok(), loaded.report());
        LocalDate today = LocalDate.of(2025, 12, 31);
        QueryService chinook = new QueryService(loaded.catalog(), io.clarion.testing.Datasets.chinook("what_changed_combined_chinook"),
                PostgresDialect.INSTANCE, () -> today, 10_000, Duration.ofSeconds(60));
        // Sums and counts reached without fan-out (combined), and a count of invoices by a genre of their lines (fan-out: not).
        WhatChangedSpec spec = new WhatChangedSpec(Grain.MONTH, 6, 2.0, 0.6, 3, List.of(
                new KeyMetric("revenue", "Revenue", "invoice.invoice_date", List.of("invoice.billing_country", "customer.country")),
                new KeyMetric("invoice_line.quantity_sum", "Units", "invoice.invoice_date", List.of("genre.name", "customer.country")),
                new KeyMetric("invoice.count", "Invoices", "invoice.invoice_date", List.of("genre.name"))));
        WhatChanged combined = new WhatChangedAnalysis(chinook).analyse(spec, today);
        WhatChanged separate = WhatChangedAnalysis.queryByQuery(chinook).analyse(spec, today);
        assertEquals(3, combined.metrics().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(separate.metrics().get(i).toString(), combined.metrics().get(i).toString());
            assertTrue(combined.metrics().get(i).breakdowns().stream().anyMatch(b -> !b.groups().isEmpty()),
                    combined.metrics().get(i).member());
        }
    }

    private static java.util.Set<String> groups(Breakdown b) {
        return b.groups().stream().map(GroupChange::group).collect(java.util.stream.Collectors.toSet());
    }
}
