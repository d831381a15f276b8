package io.clarion.agent.offline;

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
 * Drafted catalogs name such measures "<column>_avg", words nobody asks in. With nothing of that
 * type over the column ("the highest seat count" where only a total and an average are declared),
 * the answer says so and names what there is, instead of answering another aggregate.
 * A mean count of one table's rows per row of another is {@link CountRatios}.
 * A number column asked as an amount with no aggregate word ("the most units") is its total, for the same reason.
 */
final class AggregateReading {
    /** Words that end the phrase an aggregate word governs: what follows is a grouping or a scope. */
    private static final Set<String> ENDS = Set.of("by", "per", "for", "each", "every", "across", "and", "vs", "versus", "over");
    private static final int WINDOW = 6;

    private final Reading rd;
    private final CatalogFacts facts;

    /** The aggregate word's position and the last word of the column it was read with. */
    int from = -1;
    int to = -1;
    /** Why an aggregate asked over a column cannot be answered: the catalog declares none of that type over it. */
    String missing;

    AggregateReading(Reading rd, CatalogFacts facts) {
        this.rd = rd;
        this.facts = facts;
    }

    /** The measure "average/maximum/minimum … <column>" names, as a slot read ahead of any count the same words name. */
    Optional<Slot> columnAggregate(List<Mention> mentions, boolean ungrouped) {
        for (int a = 0; a < rd.tokens.size(); a++) {
            MeasureType type = AggregateWords.of(rd.tokens.get(a).raw(), ungrouped);
            // "the biggest single order": the largest amount one row holds, not a ranking of rows.
            boolean single = rd.tokens.get(a).raw().equals("single") && a > 0 && SINGLE.containsKey(rd.tokens.get(a - 1).raw());
            if (single) type = SINGLE.get(rd.tokens.get(a - 1).raw());
            if (type == null || countAsked(a)) continue;
            int end = a;
            while (end + 1 < rd.tokens.size() && end - a < WINDOW && !ENDS.contains(rd.tokens.get(end + 1).raw())) end++;
            Optional<Slot> s = within(type, a, end, mentions);
            if (s.isEmpty() && single) s = amountOfRow(type, a, mentions);
            if (s.isPresent() && AggregateWords.extreme(rd.tokens.get(a).raw())) {
                // "the highest unit price" with nothing ranked: the extreme is the answer, not an order of rows.
                rd.descending = null;
                rd.rankWordAt = -1;
            }
            if (s.isPresent() || missing != null) return s;
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

    /** "average number of …", "mean count of …": a count is averaged, which {@link CountRatios} reads. */
    private boolean countAsked(int a) {
        // "the highest seat count": a count word after another content word is part of a member's name.
        for (int k = a + 1; k < Math.min(rd.tokens.size(), a + 3); k++) {
            String w = rd.tokens.get(k).raw();
            if (w.equals("number") || w.equals("count") || w.equals("many")) return true;
            if (!rd.tokens.get(k).stop()) return false;
        }
        return false;
    }

    private Optional<Slot> within(MeasureType type, int a, int end, List<Mention> mentions) {
        Set<String> cubes = new LinkedHashSet<>();
        List<Dimension> columns = new ArrayList<>();
        List<Mention> columnMentions = new ArrayList<>();
        for (Mention m : mentions) {
            // "average resolution time": a measure whose own name holds the aggregate word already answers it.
            if (m.first() <= a && m.last() >= a && m.targets().stream().anyMatch(t -> t instanceof MemberTarget mt
                    && (mt.member() instanceof Metric || mt.member() instanceof Measure) && !facts.isCount(mt.member()))) return Optional.empty();
            if (m.first() <= a || m.first() > end) continue;
            for (Target t : m.targets()) {
                if (!(t instanceof MemberTarget mt)) continue;
                Member member = mt.member();
                // A metric that is not a plain count already says what is averaged ("average deal size");
                // "the highest seat count" over a summed column is that column's max, or said missing.
                // A metric after the column ("unit price paid") is no longer what the word governs.
                if ((member instanceof Metric || member instanceof Measure) && !facts.isCount(member)) {
                    if (!columns.isEmpty()) continue;
                    return type == MeasureType.AVG ? Optional.empty() : otherType(member, type, a, m.last());
                }
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
        // "the mean price of a track", "the typical order amount": one word of the column's name, or
        // an amount noun for the column the table's currency total adds up.
        for (String cube : cubes) {
            Optional<Cube> c = rd.ctx.catalog().cube(cube);
            if (c.isEmpty()) continue;
            Optional<AggregateWords.Column> col = AggregateWords.namedColumn(rd, c.get(), a, end);
            if (col.isEmpty()) continue;
            Optional<Measure> over = c.get().measures().stream().filter(ms -> ms.type() == type && ms.info().certified()
                    && ms.filters().isEmpty() && AggregateWords.reads(ms, col.get().sql(), col.get().name())).findFirst();
            if (over.isPresent()) return Optional.of(slot(over.get(), a, col.get().at()));
            // One of that type over some of the rows ("resolved tickets only") is no missing measure.
            if (c.get().measures().stream().noneMatch(ms -> ms.type() == type && AggregateWords.reads(ms, col.get().sql(), col.get().name()))) {
                missing(c.get(), col.get().sql(), col.get().name(), type, a, col.get().at());
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** "maximum seat count" named by a total: the measure of the asked type over the total's column. */
    private Optional<Slot> otherType(Member member, MeasureType type, int a, int last) {
        Optional<Measure> named = member instanceof Measure ms ? Optional.of(ms)
                : rd.ctx.catalog().measure(((Metric) member).expression() == null ? "" : ((Metric) member).expression().strip());
        // Only a measure over one plain column: a computed figure ("the NPS") has no max of its own to look for.
        if (named.isEmpty() || named.get().sql() == null || !named.get().filters().isEmpty()
                || !named.get().sql().source().strip().matches("(\\{CUBE}\\.)?\\w+")) return Optional.empty();
        Optional<Measure> same = AggregateWords.sameColumn(rd, named.get(), type);
        if (same.isPresent()) return Optional.of(slot(same.get(), a, last));
        String col = named.get().sql().source().strip();
        rd.ctx.catalog().cube(named.get().cube()).ifPresent(c -> missing(c, col, col, type, a, last));
        return Optional.empty();
    }

    private void missing(Cube c, String col, String name, MeasureType type, int a, int last) {
        String others = AggregateWords.othersOver(c, col, name, type);
        StringBuilder asked = new StringBuilder();
        for (int k = a; k <= last; k++) asked.append(k > a ? " " : "").append(rd.tokens.get(k).raw());
        missing = "I can't answer \"" + asked + "\" from the certified catalog: it declares no " + AggregateWords.said(type)
                + " of " + c.name() + "." + (name.matches("\\w+") ? name : "that column") + "." + (others.isEmpty() ? "" : " It has " + others + "; ask for one of those instead.");
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
    Optional<Measure> over(Dimension d, MeasureType type) {
        String col = d.sql() == null ? d.name() : d.sql().source().strip();
        return rd.ctx.catalog().cube(d.cube()).flatMap(c -> c.measures().stream()
                .filter(ms -> ms.type() == type && ms.info().certified() && ms.filters().isEmpty() && ms.sql() != null
                        && AggregateWords.reads(ms, col, d.name()))
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
        Mention mention = Mention.settled(positions, m);
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
            Mention mention = Mention.settled(s.mention().positions(), sum.get());
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

}
