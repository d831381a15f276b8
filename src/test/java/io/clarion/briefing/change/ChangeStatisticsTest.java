package io.clarion.briefing.change;

import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Grain;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statistics, wording and formatting behind a metric's change, on small synthetic series. */
class ChangeStatisticsTest {

    @Test
    void changesAreConsecutiveDifferencesSkippingMissingValues() {
        assertEquals(List.of(2.0, -1.0), ChangeStatistics.changes(List.of(10.0, 12.0, 11.0)));
        assertEquals(List.of(3.0), ChangeStatistics.changes(Arrays.asList(10.0, null, 11.0, 14.0)));
    }

    @Test
    void aChangeOutsideMeanPlusMinusZStdevIsUnusual() {
        // Earlier changes 1, 2, 3: mean 2, sample stdev 1, so with z = 2 the band is [0, 4].
        List<Double> earlier = List.of(1.0, 2.0, 3.0);
        Unusual u = ChangeStatistics.unusual(earlier, 4.5, 2.0);
        assertEquals(Unusual.Verdict.UNUSUAL, u.verdict());
        assertEquals(2.0, u.mean(), 1e-12);
        assertEquals(1.0, u.stdev(), 1e-12);
        assertEquals(0.0, u.low(), 1e-12);
        assertEquals(4.0, u.high(), 1e-12);
        assertTrue(u.flagged());
        assertEquals(Unusual.Verdict.UNUSUAL, ChangeStatistics.unusual(earlier, -0.5, 2.0).verdict(), "a drop below the band too");
        assertEquals(Unusual.Verdict.USUAL, ChangeStatistics.unusual(earlier, 4.0, 2.0).verdict(), "the edge is usual");
        assertEquals(Unusual.Verdict.USUAL, ChangeStatistics.unusual(earlier, 0.0, 2.0).verdict());
        assertEquals(Unusual.Verdict.UNUSUAL, ChangeStatistics.unusual(earlier, 3.5, 1.0).verdict(), "a smaller z narrows the band");
    }

    @Test
    void fewerThanThreeEarlierChangesIsNotEnoughHistory() {
        Unusual u = ChangeStatistics.unusual(List.of(1.0, 50.0), 1000.0, 2.0);
        assertEquals(Unusual.Verdict.NOT_ENOUGH_HISTORY, u.verdict());
        assertEquals(2, u.earlierChanges());
        assertNull(u.mean());
        assertFalse(u.flagged());
        assertEquals("not enough history", ChangeStatistics.trend(List.of(1.0, 2.0), -5.0).note());
    }

    @Test
    void aFlatHistoryMakesAnyMoveUnusual() {
        assertEquals(Unusual.Verdict.UNUSUAL, ChangeStatistics.unusual(List.of(5.0, 5.0, 5.0), 5.1, 3.0).verdict());
        assertEquals(Unusual.Verdict.USUAL, ChangeStatistics.unusual(List.of(5.0, 5.0, 5.0), 5.0, 3.0).verdict());
    }

    @Test
    void aTrendTurnsWhenTheLastChangeOpposesTheAverageOne() {
        Trend t = ChangeStatistics.trend(List.of(2.0, -1.0, 3.0), -4.0);
        assertEquals(Direction.UP, t.before());
        assertEquals(Direction.DOWN, t.now());
        assertTrue(t.reversed());
        assertEquals("was rising, now falling", t.note());
        assertEquals("was falling, now rising", ChangeStatistics.trend(List.of(-2.0, -1.0, 1.0), 0.5).note());
        assertFalse(ChangeStatistics.trend(List.of(2.0, -1.0, 3.0), 1.0).reversed());
        assertFalse(ChangeStatistics.trend(List.of(2.0, -1.0, 3.0), 0.0).reversed(), "no move is no turn");
    }

    @Test
    void numbersReadTheSameEverywhere() {
        assertEquals("\u2212$12,400", ChangeText.change(-12_400.2, Format.CURRENCY));
        assertEquals("+$12.50", ChangeText.change(12.5, Format.CURRENCY));
        assertEquals("+0.8 pts", ChangeText.change(0.008, Format.PERCENTAGE));
        assertEquals("4.1%", ChangeText.value(0.041, Format.PERCENTAGE));
        assertEquals("1,234", ChangeText.value(1234.0, Format.INTEGER));
        assertEquals("0", ChangeText.change(-0.2, Format.INTEGER), "no sign on a change that rounds to nothing");
        assertEquals("3.2%", ChangeText.percent(-0.0315));
        assertEquals("72%", ChangeText.wholePercent(0.724));
        assertEquals("May 2026", ChangeText.period(LocalDate.of(2026, 5, 1), Grain.MONTH));
        assertEquals("the week of 2026-05-04", ChangeText.period(LocalDate.of(2026, 5, 4), Grain.WEEK));
        assertEquals("2026 Q2", ChangeText.period(LocalDate.of(2026, 4, 1), Grain.QUARTER));
    }

    @Test
    void theSentenceSaysWhatChangedAndWhere() {
        WhatChangedSpec spec = new WhatChangedSpec(Grain.MONTH, 6, 2.0, 0.6, 3, List.of());
        WhatChangedAnalysis.Periods periods = WhatChangedAnalysis.periods(spec, LocalDate.of(2026, 6, 15));
        Change c = Change.between(375_100.0, 387_500.0);
        Unusual u = ChangeStatistics.unusual(List.of(1000.0, 1500.0, 500.0), c.change(), 2.0);
        Trend t = ChangeStatistics.trend(List.of(1000.0, 1500.0, 500.0), c.change());
        GroupChange ent = new GroupChange("enterprise", 100.0, 9_028.0, -8_928.0, null, 0.72);
        GroupChange emea = new GroupChange("EMEA", 10.0, 9_110.0, -9_100.0, null, 0.73);
        Concentration conc = new Concentration("customers.segment", "enterprise", 0.72, -8_928.0, "");
        List<Breakdown> bds = List.of(
                new Breakdown("customers.segment", "segment", true, List.of(ent), List.of(), List.of(ent), conc, false, ""),
                new Breakdown("customers.region", "region", true, List.of(emea), List.of(), List.of(emea), null, false, ""));
        String s = WhatChangedAnalysis.sentence("MRR", Format.CURRENCY, periods, c, u, t, bds, conc);
        assertEquals("MRR fell 3.2% in May 2026 (\u2212$12,400), an unusual drop; was rising, now falling; "
                + "enterprise carries 72% of it (by region: EMEA \u2212$9,100).", s);
        assertEquals(s, WhatChangedAnalysis.sentence("MRR", Format.CURRENCY, periods, c, u, t, bds, conc));

        String noBase = WhatChangedAnalysis.sentence("New customers", Format.INTEGER, periods, Change.between(12.0, 0.0),
                ChangeStatistics.unusual(List.of(), 12.0, 2.0), ChangeStatistics.trend(List.of(), 12.0), List.of(), null);
        assertEquals("New customers rose in May 2026 (+12, from 0).", noBase);
        assertEquals("Churn rate has no value for May 2026.", WhatChangedAnalysis.sentence("Churn rate", Format.PERCENTAGE,
                periods, Change.between(null, 0.05), ChangeStatistics.unusual(List.of(), null, 2.0),
                ChangeStatistics.trend(List.of(), null), List.of(), null));
    }

    @Test
    void historyPlusOneCompletePeriodsBeforeTheCurrentOne() {
        WhatChangedSpec spec = new WhatChangedSpec(Grain.WEEK, 4, 2.0, 0.6, 3, List.of());
        WhatChangedAnalysis.Periods p = WhatChangedAnalysis.periods(spec, LocalDate.of(2026, 6, 17)); // a Wednesday
        assertEquals(5, p.complete().size());
        assertEquals(LocalDate.of(2026, 6, 15), p.current().start());
        assertEquals(LocalDate.of(2026, 6, 8), p.compared().start());
        assertEquals(LocalDate.of(2026, 6, 1), p.previous().start());
        assertEquals(LocalDate.of(2026, 5, 11), p.complete().get(0).start());
    }
}
