package io.clarion.agent.offline;

import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the metric-like mentions is the metric asked for: the best-named one, more only when
 * joined by "and"; the rest become filters or are said as describing the question. An aggregate
 * word over a number dimension ("average seats") is that measure.
 */
final class MetricChoice {
    private final Reading rd;
    private final CatalogFacts facts;

    MetricChoice(Reading rd, CatalogFacts facts) {
        this.rd = rd;
        this.facts = facts;
    }

    Optional<Measure> aggregateOver(Slot s) {
        MeasureType type = null;
        for (int k = s.mention().first() - 1; k >= Math.max(0, s.mention().first() - 4); k--) {
            String w = rd.tokens.get(k).raw();
            if (Set.of("average", "avg", "mean").contains(w)) type = MeasureType.AVG;
            else if (Set.of("total", "sum").contains(w)) type = MeasureType.SUM;
            else if (Set.of("maximum", "max").contains(w)) type = MeasureType.MAX;
            else if (Set.of("minimum", "min").contains(w)) type = MeasureType.MIN;
            if (type != null) break;
        }
        if (type == null) return Optional.empty();
        for (Member m : s.order()) {
            if (!(m instanceof Dimension d) || d.type() != DimensionType.NUMBER) continue;
            String col = d.sql() == null ? d.name() : d.sql().source().strip();
            MeasureType t = type;
            Optional<Measure> found = rd.ctx.catalog().cube(d.cube()).flatMap(c -> c.measures().stream()
                    .filter(ms -> ms.type() == t && ms.info().certified() && ms.sql() != null
                            && AggregateWords.reads(ms, col, d.name()))
                    .findFirst());
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    List<Slot> chooseMetrics(List<Slot> slots) {
        if (slots.isEmpty()) return slots;
        // A measure asked as a group's threshold is the metric only when nothing else is asked for.
        boolean other = slots.stream().anyMatch(s -> s.cmp() == null);
        Slot best = slots.stream().filter(s -> !other || s.cmp() == null).findFirst().orElse(slots.get(0));
        for (Slot s : slots) {
            if (other && s.cmp() != null) continue;
            if (preference(s) > preference(best) + 1e-9
                    || (Math.abs(preference(s) - preference(best)) < 1e-9 && rank(s) < rank(best))) best = s;
        }
        // "accounts cancelled", "customers that dropped": a table's plain count right beside a
        // filtered count of the same table is that filtered count, whichever word comes first.
        if (isPlainCount(best)) {
            for (Slot s : slots) {
                if (s == best || joinedByAnd(s, best) || !isFilteredCount(s) || !facts.cubesOf(s.order().get(0)).equals(facts.cubesOf(best.order().get(0)))) continue;
                int gap = Math.max(s.mention().first() - best.mention().last(), best.mention().first() - s.mention().last());
                if (gap < 1 || gap > 3) continue;
                rd.taken[best.mention().first()] = true;
                Slot plain = best;
                best = s;
                slots = new ArrayList<>(slots);
                slots.remove(plain);
                break;
            }
        }
        // "revenue trailing twelve months": a window's words apart from its measure's name ask for the window.
        for (Slot s : slots) {
            if (s != best && !joinedByAnd(s, best) && windowOver(s, best)) best = s;
        }
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s == best) out.add(ownedBy(best, slots));
            else if (joinedByAnd(s, best) || inListWith(s, best, slots)) out.add(s);
        }
        List<Slot> compared = new ArrayList<>();
        for (Slot s : slots) {
            if (s == best || out.contains(s) || out.stream().anyMatch(o -> o.mention() == s.mention())) continue;
            // "average total by country, for countries with more than 10 invoices": the measure a group
            // must pass is kept beside the metric asked for, as the filter on each group it was asked as.
            if (s.cmp() != null) {
                compared.add(s);
                continue;
            }
            // "for churned customers, the average tenure": a filtered count left over is its filter.
            Optional<Segment> seg = s.order().stream().filter(m -> m instanceof Measure).map(m -> (Measure) m)
                    .filter(ms -> ms.type() == MeasureType.COUNT).findFirst().flatMap(facts::segmentFor);
            if (seg.isPresent() && saidOfOtherRows(s, seg.get(), out)) {
                // "invoices got cancelled": the verb is said of the invoices counted, not of customers leaving.
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as said of the rows counted, not as " + seg.get().fullName()
                        + ": not applied as a filter.");
            } else if (seg.isPresent()) {
                rd.extraSegments.add(seg.get().fullName());
                rd.extraSegmentWords.put(seg.get().fullName(), s.mention());
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as a filter (" + seg.get().fullName() + ").");
            } else if (facts.equalityFilterOf(s, out).isPresent()) {
                // "invoices … through refunds": a filtered measure of the counted table left over is its filter.
                io.clarion.query.MetricQuery.Filter f = facts.equalityFilterOf(s, out).get();
                rd.extraFilters.add(f);
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as " + f.dimension() + " = \"" + f.value().asText() + "\".");
            } else if (valueOnMetricTable(s, out).isPresent()) {
                // "accounts signed up through partners": a word naming another table's metric and a value
                // on the chosen metric's own table is that value.
                io.clarion.agent.linking.Lexicon.ValueTarget v = valueOnMetricTable(s, out).get();
                rd.extraFilters.add(new io.clarion.query.MetricQuery.Filter(v.dimension().fullName(), null, "equals",
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(v.value()), null));
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as " + v.dimension().fullName() + " = \"" + v.value() + "\".");
            } else {
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as describing the question, not as a second metric.");
            }
        }
        out.addAll(compared);
        return out;
    }

    /** A lone leaving verb whose segment is on a table other than the chosen metric's. */
    private boolean saidOfOtherRows(Slot s, Segment seg, List<Slot> chosen) {
        if (s.mention().positions().size() != 1 || !LeavingVerbs.oneWordVerb(rd.tokens.get(s.mention().first()).raw())) return false;
        for (Slot c : chosen) if (facts.cubesOf(c.order().get(0)).contains(seg.cube())) return false;
        return !chosen.isEmpty();
    }

    private Optional<io.clarion.agent.linking.Lexicon.ValueTarget> valueOnMetricTable(Slot s, List<Slot> chosen) {
        Set<String> cubes = new java.util.HashSet<>();
        for (Slot c : chosen) cubes.addAll(facts.cubesOf(c.order().get(0)));
        return s.mention().targets().stream().filter(t -> t instanceof io.clarion.agent.linking.Lexicon.ValueTarget)
                .map(t -> (io.clarion.agent.linking.Lexicon.ValueTarget) t)
                .filter(v -> cubes.size() == 1 && cubes.contains(v.dimension().cube())).findFirst();
    }

    /**
     * "cost of shipment items", "item cost": a table named beside the metric (as a count of
     * its rows, or by a word of its name right before) says whose member is meant, when the
     * metric's words name one on that table too.
     */
    private Slot ownedBy(Slot best, List<Slot> slots) {
        Set<String> cubes = new java.util.LinkedHashSet<>();
        for (Slot s : slots) {
            if (s != best) facts.countOf(s.order().get(0)).ifPresent(c -> cubes.add(c.cube()));
        }
        int before = best.mention().first() - 1;
        if (before >= 0 && !rd.taken[before] && !rd.tokens.get(before).stop()) {
            String stem = rd.tokens.get(before).stem();
            for (String cube : rd.ctx.catalog().cubes().keySet()) {
                List<String> stems = io.clarion.agent.language.Text.contentStems(cube);
                if (stems.size() > 1 && stems.get(stems.size() - 1).equals(stem)) cubes.add(cube);
            }
        }
        // "gross cost": of two metric words side by side, the one that has a member on that table.
        List<Slot> candidates = new ArrayList<>(List.of(best));
        for (Slot s : slots) {
            if (s != best && !facts.isCount(s.order().get(0))
                    && (s.mention().first() == best.mention().last() + 1 || best.mention().first() == s.mention().last() + 1)) {
                candidates.add(s);
            }
        }
        for (String cube : cubes) {
            for (Slot c : candidates) {
                for (Member m : c.order()) {
                    if (facts.isCount(m) || !facts.cubesOf(m).equals(Set.of(cube))) continue;
                    List<String> own = io.clarion.agent.language.Text.contentStems(cube);
                    if (before >= 0 && rd.tokens.get(before).stem().equals(own.get(own.size() - 1))) rd.taken[before] = true;
                    if (c == best && m == best.order().get(0)) return best;
                    List<Member> order = new ArrayList<>(c.order());
                    order.remove(m);
                    order.add(0, m);
                    return new Slot(c.mention(), order, c.cmp());
                }
            }
        }
        return best;
    }

    /**
     * How strongly a mention is the thing asked for: its match, less when it follows a
     * preposition ("CSAT for tickets opened": tickets qualify), more for a count after
     * "how many".
     */
    double preference(Slot s) {
        double p = s.mention().score();
        String before = s.mention().first() > 0 ? rd.tokens.get(s.mention().first() - 1).raw() : "";
        // "number of tracks": the thing a count word counts is the metric, not a scope of it.
        String counting = s.mention().first() > 1 ? rd.tokens.get(s.mention().first() - 2).raw() : "";
        boolean counted = before.equals("of") && Set.of("number", "count", "amount", "quantity").contains(counting);
        if (!counted && Set.of("for", "of", "on", "among", "from", "about", "with", "in").contains(before)) p -= 1.5;
        // "how many NPS detractors": a count named right after "how many" is what is counted
        // ("how many hours does a fix need" is not a count of anything).
        int many = -1;
        for (int i = 0; i + 1 < rd.tokens.size(); i++) {
            if (rd.tokens.get(i).raw().equals("how") && rd.tokens.get(i + 1).raw().equals("many")) many = i + 1;
        }
        if (many >= 0 && s.mention().first() > many && s.mention().first() - many <= 3 && facts.isCount(s.order().get(0))) p += 1.5;
        // "how many seats …": a whole-number total named right after "how many" is counted the same way.
        if (many >= 0 && s.mention().first() == many + 1 && wholeNumberSum(s.order().get(0))) p += 3;
        // "how many hours on average …": the aggregation asked names the metric over any count.
        if (rd.askedType != null && AggregateWords.typeOf(s.order().get(0), rd.ctx.catalog()).filter(rd.askedType::equals).isPresent()) p += 3;
        return p;
    }

    /** A sum kept in whole numbers (seats, units), or a plain metric of one. */
    private boolean wholeNumberSum(Member m) {
        if (m instanceof Metric metric && metric.type() == io.clarion.catalog.model.MetricType.SIMPLE && metric.filters().isEmpty()) {
            m = rd.ctx.catalog().measure(metric.expression().strip()).orElse(null);
        }
        return m instanceof Measure ms && ms.type() == MeasureType.SUM && ms.format() == io.clarion.catalog.model.Format.INTEGER;
    }

    /** Whether {@code w} is a cumulative metric over what {@code plain} names (its measure, or a simple metric of it). */
    private static boolean windowOver(Slot w, Slot plain) {
        if (!(w.order().get(0) instanceof Metric window) || window.cumulative() == null) return false;
        Member m = plain.order().get(0);
        if (m instanceof Measure measure) return measure.fullName().equals(window.expression());
        return m instanceof Metric metric && metric.cumulative() == null && metric.conversion() == null && metric.filters().isEmpty()
                && metric.numerator() == null && window.expression().equals(metric.expression());
    }

    private static boolean isPlainCount(Slot s) {
        return s.order().get(0) instanceof Measure m && m.type() == MeasureType.COUNT && m.filters().isEmpty();
    }

    private static boolean isFilteredCount(Slot s) {
        return s.order().get(0) instanceof Measure m && m.type() == MeasureType.COUNT && !m.filters().isEmpty();
    }

    int rank(Slot s) {
        Member m = s.order().get(0);
        return m instanceof Metric ? 0 : m instanceof Measure ? 1 : 2;
    }

    /**
     * "promoters, passives and detractors": a slot standing between the metric and another joined
     * to it by "and", with nothing but other slots of the list between them (the commas are not words).
     */
    private boolean inListWith(Slot s, Slot best, List<Slot> slots) {
        for (Slot t : slots) {
            if (t == s || t == best || !joinedByAnd(t, best)) continue;
            int from = Math.min(best.mention().first(), t.mention().first());
            int to = Math.max(best.mention().last(), t.mention().last());
            if (s.mention().first() <= from || s.mention().last() >= to) continue;
            boolean list = true;
            for (int i = from; i <= to && list; i++) {
                int at = i;
                list = slots.stream().anyMatch(x -> x.mention().positions().contains(at)) || rd.tokens.get(i).raw().equals("and");
            }
            if (list) return true;
        }
        return false;
    }

    boolean joinedByAnd(Slot a, Slot b) {
        int from = Math.min(a.mention().last(), b.mention().last());
        int to = Math.max(a.mention().first(), b.mention().first());
        for (int i = from + 1; i < to; i++) {
            String w = rd.tokens.get(i).raw();
            if (w.equals("and") || w.equals("vs") || w.equals("versus") || w.equals("plus")) return true;
        }
        return false;
    }
}
