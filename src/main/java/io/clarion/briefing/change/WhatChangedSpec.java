package io.clarion.briefing.change;

import io.clarion.catalog.model.Grain;

import java.util.List;

/**
 * What the what-changed analysis looks at: key metrics, each with the dimensions its change is
 * broken down by, over periods of {@code grain}. Read from the {@code what_changed} section of a
 * skill.
 *
 * @param grain              week or month: the period compared with the one before
 * @param history            how many earlier periods give the metric's own recent variation
 * @param unusualZ           a change this many standard deviations outside that variation is unusual
 * @param concentrationShare one group carrying at least this share of a change is a concentration
 * @param topN               contributors and detractors listed per breakdown
 * @param metrics            the key metrics
 */
public record WhatChangedSpec(Grain grain, int history, double unusualZ, double concentrationShare, int topN,
                              List<KeyMetric> metrics) {
    public WhatChangedSpec {
        metrics = List.copyOf(metrics);
    }

    /**
     * @param member     a catalog metric or measure, e.g. {@code new_customers} or {@code customers.active_count}
     * @param label      how a briefing names it
     * @param timeDimension the time dimension the periods are cut on, e.g. {@code customers.created_date}
     * @param breakdowns dimensions the change is split by, e.g. {@code customers.segment}
     */
    public record KeyMetric(String member, String label, String timeDimension, List<String> breakdowns) {
        public KeyMetric {
            breakdowns = List.copyOf(breakdowns);
        }
    }
}
