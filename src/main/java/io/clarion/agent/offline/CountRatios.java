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
import io.clarion.catalog.model.MetricType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An average asked of one table's rows for each row of another ("mean items per basket", "on
 * average, how many units does one order line hold"): the catalog's ratio of the two counts, or
 * the column's average over its own rows. With neither, the question is said missing, never
 * answered with one of the counts alone.
 */
final class CountRatios {
    private final Reading rd;
    private final CatalogFacts facts;
    private final AggregateReading aggregate;

    CountRatios(Reading rd, CatalogFacts facts, AggregateReading aggregate) {
        this.rd = rd;
        this.facts = facts;
        this.aggregate = aggregate;
    }

    /**
     * "mean number of items per basket", "the average count of stops a route makes": the
     * catalog's certified ratio of the first thing's count to the second's, when it has one.
     */
    Optional<Slot> read(List<Slot> metricSlots, List<Slot> groupSlots, List<Slot> extraColumns) {
        // A column aggregate already said missing is the answer; nothing here may restate it.
        if (aggregate.missing != null) return Optional.empty();
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < rd.tokens.size(); i++) if (AggregateWords.of(rd.tokens.get(i).raw(), false) == MeasureType.AVG) words.add(i);
        boolean unread = !words.isEmpty() && !rd.taken[words.get(0)];
        if (!words.isEmpty()) ownRowsNotGrouped(metricSlots, groupSlots);
        Optional<Slot> r = readAverage(metricSlots, groupSlots, extraColumns);
        // "the typical average of …": every word asking for the average is read with the first.
        if (unread && rd.taken[words.get(0)]) for (int i : words) rd.taken[i] = true;
        return r;
    }

    private Optional<Slot> readAverage(List<Slot> metricSlots, List<Slot> groupSlots, List<Slot> extraColumns) {
        int averageWord = -1;
        for (int i = 0; i < rd.tokens.size() && averageWord < 0; i++) {
            if (AggregateWords.of(rd.tokens.get(i).raw(), false) == MeasureType.AVG) averageWord = i;
        }
        if (averageWord < 0 || aggregate.from >= 0) return Optional.empty();
        // "on average how many units": an average the words already name is the answer, not a ratio of counts.
        for (Slot s : metricSlots) {
            if (!s.order().isEmpty() && s.mention().positions().contains(averageWord)
                    && AggregateWords.typeOf(s.order().get(0), rd.ctx.catalog()).filter(MeasureType.AVG::equals).isPresent()) {
                rowsOfParent(s, metricSlots);
                return Optional.empty();
            }
        }
        Optional<Slot> perRow = columnPerRow(metricSlots, extraColumns);
        if (perRow.isPresent() || aggregate.missing != null) {
            rd.taken[averageWord] = true;
            return perRow;
        }
        Optional<Slot> r = ratioOfCountsAveraged(metricSlots, groupSlots);
        // The average word is what the ratio answers: read, not left over.
        if (r.isPresent()) rd.taken[averageWord] = true;
        else if (!noRatioSaid(averageWord, metricSlots, groupSlots) && !rd.taken[averageWord]) noRatioMissing(metricSlots);
        return r;
    }

    /**
     * "on average, how many units does one order line hold": a number column counted after "how
     * many", with an average asked, is the column's average over the rows of its own table. Over
     * the rows of another table it is a ratio the catalog does not declare: said missing, not counted.
     */
    private Optional<Slot> columnPerRow(List<Slot> metricSlots, List<Slot> extraColumns) {
        // Only counts beside the column: a metric of its own ("average revenue per …") is what is averaged.
        if (metricSlots.stream().anyMatch(m -> m.order().isEmpty() || facts.countOf(m.order().get(0)).isEmpty())) return Optional.empty();
        for (Slot s : extraColumns) {
            if (s.order().isEmpty() || !(s.order().get(0) instanceof Dimension d) || d.type() != DimensionType.NUMBER || d.primaryKey()
                    || d.name().endsWith("_id")) continue;
            Optional<Measure> avg = aggregate.over(d, MeasureType.AVG);
            if (avg.isEmpty() && !Set.of("many", "number").contains(rd.wordBefore(s.mention().first(), Set.of("of", "the")))) continue;
            // "how long is the average track": the column of the table counted; a table each row of which
            // holds many of the column's rows ("units per invoice" over order lines) is no such average.
            Set<String> perCubes = new LinkedHashSet<>();
            for (Slot m : metricSlots) {
                String c = facts.countOf(m.order().get(0)).get().cube();
                if (!c.equals(d.cube()) && howMany(s) && onePer(m) && manyPerRow(d.cube(), c)) perCubes.add(c);
            }
            if (!perCubes.isEmpty()) {
                aggregate.missing = "I can't answer the average " + rd.words(s.mention()) + " per " + String.join(", ", perCubes)
                        + " from the certified catalog: it declares no such ratio. " + avg.map(x -> "It has " + x.fullName()
                        + ", the average per " + d.cube() + "; ask for that instead.").orElse("");
                return Optional.empty();
            }
            if (avg.isEmpty()) continue;
            metricSlots.removeIf(m -> facts.countOf(m.order().get(0)).map(c -> c.cube().equals(d.cube()) && c.filters().isEmpty()).orElse(false));
            extraColumns.remove(s);
            rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" on average as " + avg.get().fullName() + ".");
            Mention mention = Mention.settled(s.mention().positions(), avg.get());
            return Optional.of(new Slot(mention, List.of(avg.get()), null));
        }
        return Optional.empty();
    }

    /**
     * "on average, how many units does one order hold" answered by the average units of an order
     * line: the average is over rows of a table many of which make one row of the table asked
     * about, so it is not the average asked. Said missing, naming what the average is over.
     */
    private void rowsOfParent(Slot avg, List<Slot> metricSlots) {
        Member m = avg.order().get(0);
        String own = facts.cubesOf(m).stream().findFirst().orElse("");
        // Only "how many … does one <row> …": elsewhere the other table qualifies the rows averaged.
        if (!howMany(avg)) return;
        for (Slot s : metricSlots) {
            Optional<Measure> c = s == avg || s.order().isEmpty() ? Optional.empty() : facts.countOf(s.order().get(0));
            if (c.isEmpty() || c.get().cube().equals(own) || !onePer(s)) continue;
            if (!manyPerRow(own, c.get().cube())) continue;
            List<String> said = new ArrayList<>();
            for (int p : avg.mention().positions()) {
                String w = rd.tokens.get(p).raw();
                if (AggregateWords.of(w, false) == null && !w.equals("how") && !w.equals("many")) said.add(w);
            }
            aggregate.missing = "I can't answer the average " + String.join(" ", said)
                    + " per " + c.get().cube() + " from the certified catalog: " + m.fullName() + " is the average per " + own
                    + ", and it declares none per " + c.get().cube() + ". Ask for " + m.fullName() + " instead.";
            return;
        }
    }

    /**
     * "mean bytes per track": an average over a table's rows, asked "per" one of those rows, is the
     * average over them all; grouping by each row would show every row's own value.
     */
    private void ownRowsNotGrouped(List<Slot> metricSlots, List<Slot> groupSlots) {
        for (Slot s : metricSlots) {
            if (s.order().isEmpty() || !(s.order().get(0) instanceof Measure avg) || avg.type() != MeasureType.AVG) continue;
            for (Slot g : new ArrayList<>(groupSlots)) {
                if (!tableRows(g).map(rows -> rows.cube().equals(avg.cube())).orElse(false)
                        || !"per".equals(rd.wordBefore(g.mention().first(), Set.of("single", "one", "a", "an", "each")))) continue;
                groupSlots.remove(g);
                rd.assumptions.add("Read \"per " + rd.words(g.mention()) + "\" as the average over each " + avg.cube() + ": "
                        + avg.fullName() + ", not one row per " + avg.cube() + ".");
            }
        }
    }

    /** "how many units", "the number of units": the slot is counted, not named as a population. */
    private boolean howMany(Slot s) {
        for (int p = Math.max(0, s.mention().first() - 2); p <= s.mention().last(); p++) {
            String w = rd.tokens.get(p).raw();
            if (w.equals("many") || w.equals("number")) return true;
        }
        return false;
    }

    /** "one invoice", "each order", "a single line": one row of the table, said as what the count is per. */
    private boolean onePer(Slot s) {
        String w = rd.wordBefore(s.mention().first(), Set.of("single"));
        return Set.of("one", "a", "an", "each", "every", "any", "per").contains(w);
    }

    /** Whether each row of {@code parent} has many rows of {@code child}, by a join the catalog declares. */
    private boolean manyPerRow(String child, String parent) {
        return rd.ctx.catalog().edges().stream().anyMatch(j -> j.from().equals(child) && j.to().equals(parent)
                && j.relationship() == io.clarion.catalog.model.Relationship.MANY_TO_ONE);
    }

    /**
     * "how many lines, on average, sit on a single order" with no certified ratio of the two
     * counts: the count of one alone is not the average asked; the question is refused with what is missing.
     */
    private void noRatioMissing(List<Slot> metricSlots) {
        List<Measure> counts = new ArrayList<>();
        for (Slot s : metricSlots) {
            Optional<Measure> c = s.order().isEmpty() ? Optional.empty() : facts.countOf(s.order().get(0));
            if (c.isEmpty()) return;
            if (counts.stream().noneMatch(x -> x.cube().equals(c.get().cube()))) counts.add(c.get());
        }
        if (counts.size() != 2) return;
        aggregate.missing = "I can't answer the average of " + counts.get(0).fullName() + " per " + counts.get(1).cube()
                + " from the certified catalog: it declares no ratio of the two counts. I can answer " + counts.get(0).fullName()
                + " or " + counts.get(1).fullName() + " on its own.";
    }

    /**
     * "average tickets per customer" with no certified ratio of the two counts: the mean, over each
     * row of the table that has any, of the count for that row (the group_average analysis).
     */
    private boolean noRatioSaid(int averageWord, List<Slot> metricSlots, List<Slot> groupSlots) {
        for (Slot g : groupSlots) {
            Optional<Measure> rows = tableRows(g);
            if (rows.isEmpty()) continue;
            for (Slot s : metricSlots) {
                Optional<Measure> n = s.order().isEmpty() ? Optional.empty() : amountOf(s.order().get(0));
                if (n.isEmpty() || n.get().cube().equals(rows.get().cube())) continue;
                rd.taken[averageWord] = true;
                // One number over the rows of the table, each row once (by its key: two rows may share a name);
                // with another grouping asked too, each row's value is shown instead.
                Optional<io.clarion.catalog.model.Dimension> key = rd.ctx.catalog().cube(rows.get().cube()).flatMap(io.clarion.catalog.model.Cube::primaryKey);
                if (groupSlots.size() > 1 || key.isEmpty()) {
                    rd.assumptions.add("The catalog has no certified average of " + s.order().get(0).fullName() + " per " + rows.get().cube()
                            + ": shown for each " + rows.get().cube() + " instead; the average asked is the mean of these values.");
                    return true;
                }
                groupSlots.set(groupSlots.indexOf(g), new Slot(g.mention(), List.of(key.get()), g.cmp()));
                rd.groupAverage = true;
                rd.assumptions.add("Averaged " + s.order().get(0).fullName() + " over each " + rows.get().cube() + " that has any ("
                        + rows.get().cube() + " with none are left out): the catalog has no certified average of it per " + rows.get().cube() + ".");
                return true;
            }
        }
        return false;
    }

    /**
     * What a member adds up, when it is a count or a plain total (itself or the measure a simple
     * metric wraps): "revenue per invoice" is the ratio of that total to the invoices' count.
     */
    private Optional<Measure> amountOf(Member m) {
        Optional<Measure> c = facts.countOf(m);
        if (c.isPresent()) return c;
        Optional<Measure> ms = m instanceof Measure x ? Optional.of(x)
                : m instanceof Metric mt && mt.type() == MetricType.SIMPLE && mt.filters().isEmpty() && mt.expression() != null
                ? rd.ctx.catalog().measure(mt.expression().strip()) : Optional.empty();
        return ms.filter(x -> x.type() == MeasureType.SUM);
    }

    private Optional<Slot> ratioOfCountsAveraged(List<Slot> metricSlots, List<Slot> groupSlots) {
        List<Slot> counts = new ArrayList<>();
        for (Slot s : metricSlots) if (!s.order().isEmpty() && facts.countOf(s.order().get(0)).isPresent()) counts.add(s);
        List<Slot> amounts = new ArrayList<>();
        for (Slot s : metricSlots) if (!s.order().isEmpty() && amountOf(s.order().get(0)).isPresent()) amounts.add(s);
        // "… per basket", "… across all baskets": the table named as a grouping is the denominator.
        for (Slot g : groupSlots) {
            Optional<Measure> rows = tableRows(g);
            if (rows.isEmpty()) continue;
            for (Slot num : amounts) {
                Measure n = amountOf(num.order().get(0)).get();
                Optional<Metric> ratio = ratio(n, rows.get());
                if (ratio.isPresent()) {
                    groupSlots.remove(g);
                    TreeSet<Integer> positions = new TreeSet<>(num.mention().positions());
                    positions.addAll(g.mention().positions());
                    Mention m = Mention.settled(positions, ratio.get());
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
                    Mention m = Mention.settled(positions, ratio.get());
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
                    Mention m = Mention.settled(positions, ratio.get());
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
                            Mention m = Mention.settled(num.mention().positions(), ratio.get());
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
