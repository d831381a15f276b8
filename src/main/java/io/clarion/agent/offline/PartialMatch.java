package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.Labels;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.ShapeWords;
import io.clarion.agent.language.Text;
import io.clarion.catalog.model.Metric;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A question whose words name only part of some metrics' names. */
final class PartialMatch {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PartialMatch() {
    }

    /**
     * No phrase matched whole, but a word names part of some metrics ("retention"): one
     * candidate is taken and said so; a few are offered as a question; many means no answer.
     */
    static Optional<PlannerOutcome> of(Reading rd, List<Slot> groupSlots, List<MetricQuery.Filter> filters, List<String> segments) {
        Set<String> unread = new LinkedHashSet<>();
        for (int i = 0; i < rd.tokens.size(); i++) {
            if (!rd.taken[i] && !rd.tokens.get(i).stop() && Character.isLetter(rd.tokens.get(i).raw().charAt(0))) unread.add(rd.tokens.get(i).stem());
        }
        // Words that qualify any metric ("average", "total", "at") name none of them.
        unread.removeIf(st -> st.length() < 3 || ShapeWords.GENERIC_STEMS.contains(st));
        if (unread.isEmpty()) return Optional.empty();
        List<Metric> candidates = new ArrayList<>();
        for (Metric m : rd.ctx.catalog().metrics().values()) {
            if (!m.info().certified() || m.offset() != null) continue;
            List<String> phrases = new ArrayList<>(m.info().synonyms());
            phrases.add(m.name());
            boolean hit = false;
            for (String ph : phrases) for (String st : Text.contentStems(ph)) hit |= unread.contains(st);
            if (hit) candidates.add(m);
        }
        if (candidates.isEmpty() || candidates.size() > 4) return Optional.empty();
        // Asked before which one: the answer's pick is the one candidate.
        boolean chosen = rd.chosenMetric != null && candidates.removeIf(m -> !m.name().equals(rd.chosenMetric)) && candidates.size() == 1;
        if (candidates.size() == 1) {
            Metric m = candidates.get(0);
            if (chosen) markRead(rd, m); // its words were used, through the choice
            rd.assumptions.add("Read as " + Labels.of(rd.ctx.catalog(), m.name())
                    + (chosen ? ", as you chose." : ", the only certified metric that matches."));
            QueryAssembler q = new QueryAssembler(rd);
            q.fixedMetrics.add(m.name());
            for (Slot s : groupSlots) q.groupSlots.add(s);
            q.filters.addAll(filters);
            q.segments.addAll(segments);
            if (rd.range != null) q.filters.add(new MetricQuery.Filter("metric_time", null, "in_date_range", JSON.textNode(rd.range), null));
            return Optional.of(q.compile());
        }
        List<String> options = candidates.stream().map(Metric::name).toList();
        String labels = String.join(" or ", candidates.stream().map(m -> Labels.of(rd.ctx.catalog(), m.name())).toList());
        return Optional.of(new PlannerOutcome.Clarify("Do you mean " + labels + "? They give different numbers.", options));
    }

    private static void markRead(Reading rd, Metric m) {
        Set<String> own = new LinkedHashSet<>();
        List<String> phrases = new ArrayList<>(m.info().synonyms());
        phrases.add(m.name());
        for (String ph : phrases) own.addAll(Text.contentStems(ph));
        for (int i = 0; i < rd.tokens.size(); i++) if (own.contains(rd.tokens.get(i).stem())) rd.taken[i] = true;
    }
}
