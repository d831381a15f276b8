package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An aggregate word over a column the question names: "average <thing> <column>" is the
 * catalog's average measure over that column of that thing's table, even when the thing's name
 * alone would be read as a count of its rows ("the mean order amount", "maximum item weight").
 * And a mean count of one table's rows for each row of another ("mean items per basket") is
 * the catalog's ratio of the two counts, when it has one. Drafted catalogs name such measures "<column>_avg", words nobody asks in.
 * A number column asked as an amount with no aggregate word ("the most units") is its total, for the same reason.
 */
final class AggregateReading {
    private static final Map<String, MeasureType> WORDS = Map.of("average", MeasureType.AVG, "avg", MeasureType.AVG,
            "mean", MeasureType.AVG, "maximum", MeasureType.MAX, "max", MeasureType.MAX, "minimum", MeasureType.MIN,
            "min", MeasureType.MIN);
    /** Words that end the phrase an aggregate word governs: what follows is a grouping or a scope. */
    private static final Set<String> ENDS = Set.of("by", "per", "for", "each", "every", "across", "and", "vs", "versus", "over");
    private static final int WINDOW = 6;

    private final Reading rd;
    private final CatalogFacts facts;

    /** The aggregate word's position and the last word of the column it was read with. */
    int from = -1;
    int to = -1;

    AggregateReading(Reading rd, CatalogFacts facts) {
        this.rd = rd;
        this.facts = facts;
    }

    /** The measure "average/maximum/minimum … <column>" names, as a slot read ahead of any count the same words name. */
    Optional<Slot> columnAggregate(List<Mention> mentions) {
        for (int a = 0; a < rd.tokens.size(); a++) {
            MeasureType type = WORDS.get(rd.tokens.get(a).raw());
            // "the biggest single order": the largest amount one row holds, not a ranking of rows.
            boolean single = rd.tokens.get(a).raw().equals("single") && a > 0 && SINGLE.containsKey(rd.tokens.get(a - 1).raw());
            if (single) type = SINGLE.get(rd.tokens.get(a - 1).raw());
            if (type == null || countAsked(a)) continue;
            int end = a;
            while (end + 1 < rd.tokens.size() && end - a < WINDOW && !ENDS.contains(rd.tokens.get(end + 1).raw())) end++;
            Optional<Slot> s = within(type, a, end, mentions);
            if (s.isEmpty() && single) s = amountOfRow(type, a, mentions);
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }

    private static final Map<String, MeasureType> SINGLE = Map.of("largest", MeasureType.MAX, "biggest", MeasureType.MAX,
            "highest", MeasureType.MAX, "smallest", MeasureType.MIN, "lowest", MeasureType.MIN);

    /**
     * "the biggest single order" names no column: the table's amount is the column its certified
     * currency sum adds up, and the answer is the max (or min) over that column.
     */
    private Optional<Slot> amountOfRow(MeasureType type, int a, List<Mention> mentions) {
        for (Mention m : mentions) {
            if (m.first() != a + 1) continue;
            for (Target t : m.targets()) {
                if (!(t instanceof MemberTarget mt) || !facts.isCount(mt.member())) continue;
                Optional<Cube> c = rd.ctx.catalog().cube(facts.cubeOf(mt.member()));
                if (c.isEmpty()) continue;
                List<Measure> sums = c.get().measures().stream().filter(ms -> ms.type() == MeasureType.SUM && ms.info().certified()
                        && ms.filters().isEmpty() && ms.format() == io.clarion.catalog.model.Format.CURRENCY && ms.sql() != null).toList();
                if (sums.size() != 1) continue;
                String col = sums.get(0).sql().source().strip();
                Optional<Measure> over = c.get().measures().stream().filter(ms -> ms.type() == type && ms.info().certified()
                        && ms.filters().isEmpty() && ms.sql() != null && ms.sql().source().strip().equals(col)).findFirst();
                if (over.isPresent()) return Optional.of(slot(over.get(), a, m.last()));
            }
        }
        return Optional.empty();
    }

    /** "average number of …", "mean count of …": a count is averaged, which {@link #ratioOfCounts} reads. */
    private boolean countAsked(int a) {
        for (int k = a + 1; k < Math.min(rd.tokens.size(), a + 3); k++) {
            String w = rd.tokens.get(k).raw();
            if (w.equals("number") || w.equals("count") || w.equals("many")) return true;
        }
        return false;
    }

    private Optional<Slot> within(MeasureType type, int a, int end, List<Mention> mentions) {
        Set<String> cubes = new LinkedHashSet<>();
        List<Dimension> columns = new ArrayList<>();
        List<Mention> columnMentions = new ArrayList<>();
        for (Mention m : mentions) {
            if (m.first() <= a || m.first() > end) continue;
            for (Target t : m.targets()) {
                if (!(t instanceof MemberTarget mt)) continue;
                Member member = mt.member();
                // A metric that is not a plain count already says what is averaged ("average deal size").
                if ((member instanceof Metric || member instanceof Measure) && !facts.isCount(member)) return Optional.empty();
                if (member instanceof Dimension d && d.type() == DimensionType.NUMBER && !d.primaryKey()) {
                    columns.add(d);
                    columnMentions.add(m);
                } else if (!facts.cubeOf(member).isEmpty()) {
                    cubes.add(facts.cubeOf(member));
                }
            }
        }
        // "average item price": of two tables with a price, the one the question names.
        for (boolean named : new boolean[]{true, false}) {
            for (int i = 0; i < columns.size(); i++) {
                Dimension d = columns.get(i);
                if (named != cubes.contains(d.cube())) continue;
                Optional<Measure> over = over(d, type);
                if (over.isPresent()) return Optional.of(slot(over.get(), a, columnMentions.get(i).last()));
            }
        }
        // "mean parcel weight": the column is named by its own words after its table's name.
        for (String cube : cubes) {
            Optional<Cube> c = rd.ctx.catalog().cube(cube);
            if (c.isEmpty()) continue;
            for (Dimension d : c.get().dimensions()) {
                if (d.type() != DimensionType.NUMBER || d.primaryKey() || !d.info().certified() || d.name().endsWith("_id")) continue;
                int last = namedAt(d, a, end);
                if (last < 0) continue;
                Optional<Measure> over = over(d, type);
                if (over.isPresent()) return Optional.of(slot(over.get(), a, last));
            }
        }
        return Optional.empty();
    }

    /** The last position of the dimension's name words inside (a, end], or -1 when one is missing. */
    private int namedAt(Dimension d, int a, int end) {
        int last = -1;
        for (String w : d.name().split("_")) {
            int at = -1;
            for (int k = a + 1; k <= end; k++) {
                String raw = rd.tokens.get(k).raw();
                if (raw.equals(w) || rd.tokens.get(k).stem().equals(io.clarion.agent.language.Text.stem(w))) {
                    at = k;
                    break;
                }
            }
            if (at < 0) return -1;
            last = Math.max(last, at);
        }
        return last;
    }

    /** The certified measure of this type over the dimension's column. */
    private Optional<Measure> over(Dimension d, MeasureType type) {
        String col = d.sql() == null ? d.name() : d.sql().source().strip();
        return rd.ctx.catalog().cube(d.cube()).flatMap(c -> c.measures().stream()
                .filter(ms -> ms.type() == type && ms.info().certified() && ms.filters().isEmpty() && ms.sql() != null
                        && (ms.sql().source().strip().equals(col) || ms.sql().source().strip().equals(d.name())))
                .findFirst());
    }

    private Slot slot(Member m, int a, int last) {
        from = a;
        to = last;
        TreeSet<Integer> positions = new TreeSet<>();
        for (int k = a; k <= last; k++) {
            if (!rd.tokens.get(k).stop()) positions.add(k);
            rd.taken[k] = true;
        }
        // Read ahead of every other metric word: the aggregate word says which one is asked.
        Mention mention = new Mention(positions, 100, List.of(new Entry(List.of(), Set.of(), new MemberTarget(m), true, Set.of())));
        return new Slot(mention, List.of(m), null);
    }

    /**
     * "the most units", "what share of units", "how many track units": a number column asked as
     * the thing measured, not listed, grouped or compared, is its certified total. It is taken
     * ahead of a table's count named right before it ("track units": the units, of tracks).
     */
    Optional<Slot> columnTotal(List<Slot> metricSlots, List<Slot> extraColumns, List<Slot> groupSlots, boolean listing) {
        if (listing) return Optional.empty();
        List<Slot> candidates = new ArrayList<>(extraColumns);
        // "top 3 artists by units": with nothing else measured, a ranking "by" a number column ranks by its total.
        if (metricSlots.isEmpty() && (rd.topN != null || rd.descending != null)) candidates.addAll(groupSlots);
        for (Slot s : candidates) {
            if (s.order().isEmpty() || !(s.order().get(0) instanceof Dimension d) || d.type() != DimensionType.NUMBER || d.primaryKey()) continue;
            Optional<Measure> sum = over(d, MeasureType.SUM);
            if (sum.isEmpty()) continue;
            Slot before = null;
            for (Slot m : metricSlots) {
                if (!m.order().isEmpty() && facts.isCount(m.order().get(0)) && m.mention().last() + 1 == s.mention().first()) before = m;
            }
            // Named alone, a column is a total only when asked as an amount: "units by genre", "the most units",
            // "how many units"; "set the unit price of …" asks for no amount.
            boolean ranked = metricSlots.isEmpty() && (rd.topN != null || rd.descending != null);
            boolean cut = metricSlots.isEmpty() && cutAfter(s.mention().last());
            if (before == null && !ranked && !cut && !measured(s.mention().first())) continue;
            if (before != null) {
                metricSlots.remove(before);
                rd.assumptions.add("Read \"" + rd.words(before.mention()) + "\" as whose " + rd.words(s.mention()) + " are counted, not as a count of its own.");
            }
            extraColumns.remove(s);
            groupSlots.remove(s);
            rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as the total " + sum.get().fullName() + ".");
            Mention mention = new Mention(new TreeSet<>(s.mention().positions()), 100,
                    List.of(new Entry(List.of(), Set.of(), new MemberTarget(sum.get()), true, Set.of())));
            return Optional.of(new Slot(mention, List.of(sum.get()), null));
        }
        return Optional.empty();
    }

    /** "units by genre", "units sold per country": a grouping word right after the column, past one unread word at most. */
    private boolean cutAfter(int last) {
        for (int k = last + 1; k < Math.min(rd.tokens.size(), last + 3); k++) {
            if (Set.of("by", "per", "across").contains(rd.tokens.get(k).raw())) return true;
            if (rd.taken[k]) return false;
        }
        return false;
    }

    /** Whether the words before position {@code at} ask for an amount of what follows ("how many", "the most", "share of", "total"). */
    private boolean measured(int at) {
        if (rd.share && rd.shareEnd >= 0 && at > rd.shareEnd && rd.allStop(rd.shareEnd + 1, at)) return true;
        String w = rd.wordBefore(at, Set.of("the", "a", "an", "of", "our", "all"));
        return MEASURED.contains(w);
    }

    private static final Set<String> MEASURED = Set.of("many", "most", "more", "fewest", "fewer", "least", "less", "total", "highest", "lowest");

    /** Whether a slot lies inside the words read with the aggregate word (a count of the column's table, say). */
    boolean covers(Slot s) {
        return from >= 0 && s.mention().first() > from && s.mention().last() <= to;
    }

    /**
     * "mean number of items per basket", "the average count of stops a route makes": the
     * catalog's certified ratio of the first thing's count to the second's, when it has one.
     */
    Optional<Slot> ratioOfCounts(List<Slot> metricSlots, List<Slot> groupSlots) {
        int averageWord = -1;
        for (int i = 0; i < rd.tokens.size() && averageWord < 0; i++) {
            if (WORDS.get(rd.tokens.get(i).raw()) == MeasureType.AVG) averageWord = i;
        }
        if (averageWord < 0) return Optional.empty();
        Optional<Slot> r = ratioOfCountsAveraged(metricSlots, groupSlots);
        // The average word is what the ratio answers: read, not left over.
        if (r.isPresent()) rd.taken[averageWord] = true;
        else noRatioSaid(averageWord, metricSlots, groupSlots);
        return r;
    }

    /**
     * "average tickets per customer" with no certified ratio of the two counts: the count for each
     * row of the table is what the catalog can give; the answer says the average itself is not taken.
     */
    private void noRatioSaid(int averageWord, List<Slot> metricSlots, List<Slot> groupSlots) {
        for (Slot g : groupSlots) {
            Optional<Measure> rows = tableRows(g);
            if (rows.isEmpty()) continue;
            for (Slot s : metricSlots) {
                Optional<Measure> n = s.order().isEmpty() ? Optional.empty() : facts.countOf(s.order().get(0));
                if (n.isEmpty() || n.get().cube().equals(rows.get().cube())) continue;
                rd.taken[averageWord] = true;
                rd.assumptions.add("The catalog has no certified average of " + n.get().fullName() + " per " + rows.get().cube()
                        + ": shown for each " + rows.get().cube() + " instead; the average asked is the mean of these values.");
                return;
            }
        }
    }

    private Optional<Slot> ratioOfCountsAveraged(List<Slot> metricSlots, List<Slot> groupSlots) {
        List<Slot> counts = new ArrayList<>();
        for (Slot s : metricSlots) if (!s.order().isEmpty() && facts.countOf(s.order().get(0)).isPresent()) counts.add(s);
        // "… per basket", "… across all baskets": the table named as a grouping is the denominator.
        for (Slot g : groupSlots) {
            Optional<Measure> rows = tableRows(g);
            if (rows.isEmpty()) continue;
            for (Slot num : counts) {
                Measure n = facts.countOf(num.order().get(0)).get();
                Optional<Metric> ratio = ratio(n, rows.get());
                if (ratio.isPresent()) {
                    groupSlots.remove(g);
                    TreeSet<Integer> positions = new TreeSet<>(num.mention().positions());
                    positions.addAll(g.mention().positions());
                    Mention m = new Mention(positions, 100, List.of(new Entry(List.of(), Set.of(), new MemberTarget(ratio.get()), true, Set.of())));
                    return Optional.of(new Slot(m, List.of(ratio.get()), null));
                }
            }
        }
        for (Slot num : counts) {
            for (Slot den : counts) {
                if (num == den || num.mention().first() > den.mention().first()) continue;
                Measure n = facts.countOf(num.order().get(0)).get(), d = facts.countOf(den.order().get(0)).get();
                if (n.cube().equals(d.cube())) continue;
                Optional<Metric> ratio = ratio(n, d);
                if (ratio.isPresent()) {
                    TreeSet<Integer> positions = new TreeSet<>(num.mention().positions());
                    positions.addAll(den.mention().positions());
                    Mention m = new Mention(positions, 100, List.of(new Entry(List.of(), Set.of(), new MemberTarget(ratio.get()), true, Set.of())));
                    return Optional.of(new Slot(m, List.of(ratio.get()), null));
                }
            }
        }
        return splitName(counts).or(() -> childNamedAlone(counts));
    }

    /**
     * "how many lines is one invoice made of": a table named after its parent ("invoice_line")
     * is asked by its own last word, unread, beside the parent's count; the catalog's ratio of
     * the two counts answers it.
     */
    private Optional<Slot> childNamedAlone(List<Slot> counts) {
        for (Slot den : counts) {
            Measure d = facts.countOf(den.order().get(0)).get();
            List<String> parent = io.clarion.agent.language.Text.contentStems(d.cube());
            for (Cube c : rd.ctx.catalog().cubes().values()) {
                List<String> own = io.clarion.agent.language.Text.contentStems(c.name());
                if (own.size() != parent.size() + 1 || !own.subList(0, parent.size()).equals(parent)) continue;
                for (int k = 0; k < rd.tokens.size(); k++) {
                    if (rd.taken[k] || !rd.tokens.get(k).stem().equals(own.get(own.size() - 1))) continue;
                    Optional<Metric> ratio = facts.plainCount(c.name()).flatMap(n -> ratio(n, d));
                    if (ratio.isEmpty()) continue;
                    rd.taken[k] = true;
                    TreeSet<Integer> positions = new TreeSet<>(den.mention().positions());
                    positions.add(k);
                    Mention m = new Mention(positions, 100, List.of(new Entry(List.of(), Set.of(), new MemberTarget(ratio.get()), true, Set.of())));
                    return Optional.of(new Slot(m, List.of(ratio.get()), null));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * "how many lines does each order hold": the two words were read together as one table's name
     * ("order line"); asked as an average, one of them names the table each row belongs to, when
     * the catalog has the ratio of the two counts. The ratio's existence is what makes the split a reading.
     */
    private Optional<Slot> splitName(List<Slot> counts) {
        for (Slot num : counts) {
            if (num.mention().positions().size() < 2) continue;
            Measure n = facts.countOf(num.order().get(0)).get();
            for (int p : num.mention().positions()) {
                boolean[] others = new boolean[rd.tokens.size()];
                java.util.Arrays.fill(others, true);
                others[p] = false;
                for (Mention alone : rd.ctx.lexicon().find(rd.tokens, others)) {
                    for (Target t : alone.targets()) {
                        if (!(t instanceof MemberTarget mt)) continue;
                        Optional<Measure> d = facts.countOf(mt.member());
                        if (d.isEmpty() || d.get().cube().equals(n.cube())) continue;
                        Optional<Metric> ratio = ratio(n, d.get());
                        if (ratio.isPresent()) {
                            Mention m = new Mention(new TreeSet<>(num.mention().positions()), 100,
                                    List.of(new Entry(List.of(), Set.of(), new MemberTarget(ratio.get()), true, Set.of())));
                            return Optional.of(new Slot(m, List.of(ratio.get()), null));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Metric> ratio(Measure n, Measure d) {
        return rd.ctx.catalog().metrics().values().stream()
                .filter(r -> r.info().certified() && r.type() == MetricType.RATIO && r.offset() == null
                        && names(r.numerator(), n) && names(r.denominator(), d))
                .findFirst();
    }

    /** A grouping by a table's own key or name (the table named, not one of its attributes): the plain count of its rows. */
    private Optional<Measure> tableRows(Slot g) {
        if (g.order().isEmpty() || !(g.order().get(0) instanceof Dimension d)) return Optional.empty();
        boolean own = d.primaryKey() || facts.nameDimension(d.cube()).map(d::equals).orElse(false);
        return own ? facts.plainCount(d.cube()) : Optional.empty();
    }

    /** Whether a ratio's side is this count, directly or through a simple metric wrapping it. */
    private boolean names(String side, Measure count) {
        if (side == null) return false;
        String s = side.strip();
        if (s.equals(count.fullName())) return true;
        return rd.ctx.catalog().metric(s).filter(mt -> mt.type() == MetricType.SIMPLE && mt.filters().isEmpty())
                .map(mt -> mt.expression().strip().equals(count.fullName())).orElse(false);
    }
}
