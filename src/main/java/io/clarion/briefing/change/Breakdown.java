package io.clarion.briefing.change;

import java.util.List;

/**
 * The metric's change split by one dimension.
 *
 * @param dimension     the catalog dimension, e.g. customers.segment
 * @param label         how people name it, e.g. "segment"
 * @param additive      true when the groups' changes add up to the total change (counts, sums)
 * @param groups        every group, largest absolute change first
 * @param contributors  up to topN groups moving the metric in its favourable direction, strongest first
 * @param detractors    up to topN groups moving it the other way, strongest first
 * @param concentration the group carrying at least the concentration share of the change, or null
 * @param truncated     the grouped query hit its row cap, so groups are missing
 * @param note          how to read the groups' changes
 */
public record Breakdown(String dimension, String label, boolean additive, List<GroupChange> groups,
                        List<GroupChange> contributors, List<GroupChange> detractors, Concentration concentration,
                        boolean truncated, String note) {
    public Breakdown {
        groups = List.copyOf(groups);
        contributors = List.copyOf(contributors);
        detractors = List.copyOf(detractors);
    }
}
