package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A group kept only where a measure passes a threshold: "<groups> with more than 100 <things>",
 * "<groups> where <rate> is above 5%", "which <groups> have <measure> over 1000". The number is a
 * filter on the measure per group (a HAVING), never on the group's own count, and the group named
 * is the grouping, never the rows of whatever the measure counts.
 *
 * <p>The number belongs to the noun right after it ("more than 5 tickets") before the one before
 * it; only when nothing measurable follows does it go back to the measure before it ("churn rate
 * is above 5%"). When the group named is itself a thing with rows of its own (customers,
 * artists), its rows are listed with the measure, as for any list of that thing.
 */
final class ThresholdGroups {
    /** Words that may stand between the group and its threshold ({@code threshold_links}). */
    private static final Set<String> LINKS = io.clarion.agent.language.PhraseBook.words("threshold_links");
    /** Words a question may open with before the group it asks about. */
    private static final Set<String> LEADS = Set.of("which", "what", "list", "show", "give", "name", "find", "me", "all", "the",
            "are", "there", "any", "display", "get");

    /** @param restated the earlier mentions the group and its measure restate, read once (none when not restated) */
    record Read(Mention group, Mention measure, Cmp cmp, boolean entity, List<Mention> restated) {
    }

    private ThresholdGroups() {
    }

    static Optional<Read> read(Reading rd, CatalogFacts facts, List<Mention> mentions) {
        for (Cmp c : rd.comparisons) {
            if (c.attached || c.owner != null) continue;
            Mention measure = after(rd, facts, c, mentions);
            if (measure == null) measure = before(rd, facts, c, mentions);
            boolean measuredFirst = false;
            if (measure == null) {
                measure = restatedMeasure(rd, facts, c, mentions);
                measuredFirst = true;
            }
            if (measure == null) continue;
            int upTo = measuredFirst ? c.start : Math.min(measure.first(), c.start);
            Mention group = null;
            for (Mention m : mentions) {
                if (m == measure || m.last() >= upTo) continue;
                if (m.targets().stream().anyMatch(t -> t instanceof ValueTarget)) continue;
                if (!between(rd, m.last() + 1, upTo)) continue;
                group = m;
            }
            if (group == null) continue;
            Mention restated = restated(rd, group, mentions);
            if (restated == null && !leadsOnly(rd, group.first(), mentions)) continue;
            boolean entity = group.targets().stream().anyMatch(t -> facts.entityCube(t).isPresent());
            boolean groupable = facts.dimensions(group.targets()).stream().anyMatch(facts::groupable);
            if (!entity && (!groupable || facts.hasMetricLike(group.targets()))) continue;
            c.attached = true;
            // "playlists that contain over 100 tracks": the linking verb is read with the threshold.
            for (int i = group.last() + 1; i < upTo; i++) if (LINKS.contains(rd.tokens.get(i).raw())) rd.taken[i] = true;
            List<Mention> earlier = new java.util.ArrayList<>();
            // Restated by its head noun only ("billing country …, keeping the countries"): the first, fuller name is the group.
            boolean byHead = restated != null && !restated.targets().equals(group.targets());
            Mention kept = byHead ? restated : group;
            Mention dropped = byHead ? group : restated;
            if (dropped != null) {
                earlier.add(dropped);
                Mention first = byHead ? kept : dropped;
                // "number of customers per region, only regions with at least 500 customers": the measure said first is the one compared.
                Mention m = measure;
                mentions.stream().filter(e -> e != m && e.last() < first.first() && e.targets().stream().anyMatch(m.targets()::contains)).forEach(earlier::add);
                for (int i = first.last() + 1; i < Math.max(kept.first(), dropped.first()); i++) rd.taken[i] = true;
            }
            return Optional.of(new Read(kept, measure, c, entity, earlier));
        }
        return Optional.empty();
    }

    /** The chosen metric slot of the compared measure carries its comparison, however the choice rebuilt it. */
    static List<Slot> keepCompared(List<Slot> chosen, Read t) {
        return chosen.stream().map(s -> s.mention() == t.measure() && s.cmp() == null ? new Slot(s.mention(), s.order(), t.cmp()) : s).toList();
    }

    /** "more than 5 support tickets": the measurable noun right after the number. */
    private static Mention after(Reading rd, CatalogFacts facts, Cmp c, List<Mention> mentions) {
        // "over 50 dollars of revenue": the currency belongs to the number.
        int end = Math.max(c.end, AmountFilters.currencyWordAfter(rd, c));
        for (Mention m : mentions) {
            int gap = m.first() - end - 1;
            if (gap >= 0 && gap <= 1 && rd.allStop(end + 1, m.first()) && facts.hasMetricLike(m.targets())) {
                rd.taken[end] = true;
                return m;
            }
        }
        // "more than 3 urgent tickets": values of the measured rows may stand between the number and their noun.
        int k = end + 1;
        while (k < rd.tokens.size() && k <= end + 3) {
            int at = k;
            Mention value = mentions.stream().filter(m -> m.first() == at && m.targets().stream().allMatch(t -> t instanceof ValueTarget))
                    .findFirst().orElse(null);
            if (value == null) break;
            k = value.last() + 1;
        }
        if (k == end + 1) return null;
        for (Mention m : mentions) {
            if (m.first() == k && facts.hasMetricLike(m.targets())) {
                rd.taken[end] = true;
                return m;
            }
        }
        return null;
    }

    /** "churn rate is above 5%": the measure right before the comparison. */
    private static Mention before(Reading rd, CatalogFacts facts, Cmp c, List<Mention> mentions) {
        for (Mention m : mentions) {
            int gap = c.start - m.last() - 1;
            if (gap >= 0 && gap <= 2 && between(rd, m.last() + 1, c.start) && facts.hasMetricLike(m.targets())) return m;
        }
        return null;
    }

    private static boolean between(Reading rd, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!rd.tokens.get(i).stop() && !LINKS.contains(rd.tokens.get(i).raw())) return false;
        }
        return true;
    }

    /** Words that may stand between a grouping and the same group restated with its threshold. */
    private static final Set<String> RESTATING = Set.of("only", "just", "but", "and", "keep", "keeping", "showing", "show", "for",
            "those", "the", "limited", "to", "restricted", "have", "has", "had", "did", "do", "does", "get", "got");

    /**
     * "customers per region, only regions with at least 500 customers": the group said again to
     * carry its threshold. The earlier mention of the same group, with only restating words
     * between the two; before it, anything a grouping may follow (the measure, "by", "per").
     */
    private static Mention restated(Reading rd, Mention group, List<Mention> mentions) {
        for (Mention m : mentions) {
            // "invoices per billing country, keeping the countries above 8": the same head noun restates it.
            boolean same = m.targets().equals(group.targets())
                    || rd.tokens.get(m.last()).stem().equals(rd.tokens.get(group.last()).stem()) && namesGrouping(rd, m);
            if (m == group || m.last() >= group.first() || !same) continue;
            boolean restating = true;
            for (int i = m.last() + 1; i < group.first(); i++) {
                String w = rd.tokens.get(i).raw();
                restating &= rd.taken[i] || RESTATING.contains(w) || !Character.isLetterOrDigit(w.charAt(0));
            }
            if (restating && m.last() + 1 < group.first()) return m;
        }
        return null;
    }

    /** "revenue by industry, only industries above 2,000,000": the measure the restated grouping was asked of. */
    private static Mention restatedMeasure(Reading rd, CatalogFacts facts, Cmp c, List<Mention> mentions) {
        Mention group = null;
        for (Mention m : mentions) {
            if (m.last() < c.start && between(rd, m.last() + 1, c.start) && m.targets().stream().noneMatch(t -> t instanceof ValueTarget)) group = m;
        }
        Mention earlier = group == null ? null : restated(rd, group, mentions);
        if (earlier == null) return null;
        Mention measure = null;
        for (Mention m : mentions) if (m.last() < earlier.first() && facts.hasMetricLike(m.targets())) measure = m;
        return measure;
    }

    /** A mention that names a grouping (a dimension), not a value or a measure. */
    private static boolean namesGrouping(Reading rd, Mention m) {
        return m.targets().stream().noneMatch(t -> t instanceof ValueTarget) && !rd.facts.hasMetricLike(m.targets());
    }

    /** Only opening words before the group, or values that describe it ("enterprise customers with more than …"). */
    private static boolean leadsOnly(Reading rd, int to, List<Mention> mentions) {
        for (int i = 0; i < to; i++) {
            int at = i;
            boolean value = mentions.stream().anyMatch(m -> m.positions().contains(at) && m.targets().stream().allMatch(t -> t instanceof ValueTarget));
            if (!value && !rd.tokens.get(i).stop() && !LEADS.contains(rd.tokens.get(i).raw())) return false;
        }
        return true;
    }
}
