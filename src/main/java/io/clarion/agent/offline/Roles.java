package io.clarion.agent.offline;

import io.clarion.agent.language.ShapeWords;
import io.clarion.agent.linking.Lexicon;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.DimensionType;

import java.util.List;
import java.util.Set;

/**
 * The role each mention plays in a question: a grouping ("by region", "in each segment"), the
 * group a ranking ranks ("which plan has the most"), the entity listed ("which customers"), or
 * the member a comparison filters ("health score below 40").
 */
final class Roles {
    private final Reading rd;
    private final CatalogFacts facts;
    private final Lexicon lexicon;

    Roles(Reading rd, CatalogFacts facts, Lexicon lexicon) {
        this.rd = rd;
        this.facts = facts;
        this.lexicon = lexicon;
    }

    boolean groupMarked(Mention m) {
        String w = rd.wordBefore(m.first(), Set.of("the", "their", "its", "a", "each", "every"));
        // "every other country combined": one total over those rows, not a row each.
        if (m.last() + 1 < rd.tokens.size() && ALL_TOGETHER.contains(rd.tokens.get(m.last() + 1).raw())) {
            rd.taken[m.last() + 1] = true;
            return false;
        }
        if (acrossEveryRow(m) || agentOfPassive(m) || acrossValues(m)) return false;
        // "by month and region": the grouping a grain opened goes on past "and".
        int a = m.first() - 1;
        if (a >= 2 && rd.tokens.get(a).raw().equals("and") && io.clarion.agent.language.DatePhrases.TIME_WORDS.contains(rd.tokens.get(a - 1).raw())
                && ShapeWords.GROUP_WORDS.contains(rd.tokens.get(a - 2).raw())) return true;
        if (ShapeWords.GROUP_WORDS.contains(w)) return true;
        // "in each segment", "for every region"
        int k = m.first() - 1;
        while (k >= 0 && Set.of("the", "their", "its").contains(rd.tokens.get(k).raw())) k--;
        if (k >= 0 && Set.of("each", "every").contains(rd.tokens.get(k).raw())) return !relativeClause(k, m);
        // "for every branch office", "by delivery zone": one word nothing else read may qualify the name.
        int q = m.first() - 1;
        return q >= 1 && !rd.taken[q] && Character.isLetter(rd.tokens.get(q).raw().charAt(0))
                && !ShapeWords.LIST_START.contains(rd.tokens.get(q).raw())
                && ShapeWords.GROUP_WORDS.contains(rd.tokens.get(q - 1).raw());
    }

    /** Participles that say how rows are arranged: "by" after them groups ("sorted by", "broken down by"). */
    private static final Set<String> ARRANGING = Set.of("sorted", "ranked", "grouped", "ordered", "segmented", "categorized",
            "categorised", "bucketed", "arranged", "listed", "broken", "split", "counted", "summed", "totalled", "totaled", "aggregated");

    /**
     * "customers handled by support rep 3", "accounts looked after by Jane": "by" after a passive
     * verb names who does it (a filter or a column), not a row per group.
     */
    private boolean agentOfPassive(Mention m) {
        int by = m.first() - 1;
        while (by >= 0 && Set.of("the", "their", "its", "a", "an").contains(rd.tokens.get(by).raw())) by--;
        if (by < 1 || !rd.tokens.get(by).raw().equals("by")) return false;
        String verb = rd.tokens.get(by - 1).raw();
        if (verb.equals("after") && by >= 2 && rd.tokens.get(by - 2).raw().equals("looked")) return true;
        boolean participle = verb.endsWith("ed") && !ARRANGING.contains(verb);
        boolean passive = by >= 2 && Set.of("are", "is", "was", "were", "be", "been", "being", "get", "gets", "got").contains(rd.tokens.get(by - 2).raw());
        // "tickets that get escalated, by category": after a comma, "by" opens a grouping again.
        boolean joined = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(verb) + "\\s+by\\b")
                .matcher(rd.question.toLowerCase(java.util.Locale.ROOT)).find();
        return participle && passive && joined;
    }

    /**
     * "NPS across our enterprise accounts": "across" before a value (not a name of a grouping) is the
     * scope the figure is taken in, as "for" would be.
     */
    private boolean acrossValues(Mention m) {
        int k = m.first() - 1;
        while (k >= 0 && Set.of("the", "our", "my", "your", "all").contains(rd.tokens.get(k).raw())) k--;
        return k >= 0 && rd.tokens.get(k).raw().equals("across") && !m.targets().isEmpty()
                && m.targets().stream().allMatch(t -> t instanceof io.clarion.agent.linking.Lexicon.ValueTarget);
    }

    /**
     * "the mean unit price across every invoice line": "across all" or "over every" before the rows a
     * key names is the scope of one figure; a row each would repeat each row's own value.
     */
    private boolean acrossEveryRow(Mention m) {
        int k = m.first() - 1;
        while (k >= 0 && Set.of("the", "their", "its").contains(rd.tokens.get(k).raw())) k--;
        if (k < 1 || !Set.of("all", "every").contains(rd.tokens.get(k).raw())
                || !Set.of("across", "over").contains(rd.tokens.get(k - 1).raw())) return false;
        List<io.clarion.catalog.model.Dimension> dims = facts.dimensions(m.targets());
        return !dims.isEmpty() && dims.stream().allMatch(io.clarion.catalog.model.Dimension::primaryKey);
    }

    /**
     * "by the plan every customer is on", "the region each account sits in": "each" opens a clause
     * that says whose plan or region, after the noun it describes; the rows are not listed.
     */
    private boolean relativeClause(int each, Mention m) {
        if (each == 0 || m.last() + 1 >= rd.tokens.size()) return false;
        String before = rd.tokens.get(each - 1).raw();
        boolean clause = !ShapeWords.GROUP_WORDS.contains(before) && !Set.of("in", "for", "of", "to", "from", "on", "with", "and", "at").contains(before)
                && Character.isLetter(before.charAt(0)) && RELATIVE_VERBS.contains(rd.tokens.get(m.last() + 1).raw());
        // Its verb is read with it, not listed as a word the query left out.
        if (clause) rd.taken[m.last() + 1] = true;
        return clause;
    }

    private static final Set<String> ALL_TOGETHER = Set.of("combined", "together", "altogether", "collectively", "pooled");

    /** Verbs that say where a row stands ("every customer is on", "each account sits in"). */
    private static final Set<String> RELATIVE_VERBS = Set.of("is", "are", "was", "were", "sits", "sit", "belongs", "belong", "falls", "fall",
            "lives", "has", "had", "uses", "use", "pays", "pay", "comes", "come", "signed", "joined", "bought", "chose", "picked");

    /** Whether the ranking that ends at {@code end} closes the question: only stop words or "only" follow it. */
    private boolean trailing(int end) {
        int start = end;
        while (start > 0 && !Set.of("top", "bottom", "first", "best", "worst").contains(rd.tokens.get(start).raw())) start--;
        if (start == 0) return false;
        for (int i = end + 1; i < rd.tokens.size(); i++) {
            String w = rd.tokens.get(i).raw();
            if (!rd.tokens.get(i).stop() && !Set.of("only", "ones", "pls", "just").contains(w)) return false;
        }
        return true;
    }

    /**
     * "revenue per customer country", "tickets by customer region": a grouped cube's own word right
     * before one of its columns says whose column it is; the group is the column, not the rows.
     */
    boolean qualifiesNext(Mention m, Mention next) {
        if (next == null || next.first() != m.last() + 1 || !groupMarked(m) || !groupable(next)) return false;
        Set<String> cubes = new java.util.HashSet<>();
        for (Target t : m.targets()) facts.entityCube(t).ifPresent(c -> cubes.add(c.name()));
        if (cubes.isEmpty() || next.targets().stream().anyMatch(t -> facts.entityCube(t).isPresent())) return false;
        return facts.dimensions(next.targets()).stream().anyMatch(d -> cubes.contains(d.cube()));
    }

    /**
     * The group a ranking question ranks: the dimension named right after "which"/"what" or
     * after "top N"/"bottom N", when it is not the entity itself (that is a list of rows).
     */
    Mention rankedGroup(List<Mention> mentions) {
        if (rd.descending == null && rd.topN == null) return null;
        // "tracks in each genre, top 3": a count said after everything else ranks the group the question asked for.
        if (rd.topN != null && rd.rankEnd >= 0 && trailing(rd.rankEnd)) {
            for (Mention m : mentions) if (m.last() < rd.rankEnd && groupable(m) && groupMarked(m)) return m;
        }
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            List<Target> ts = m.targets();
            if (ts.stream().allMatch(t -> t instanceof ValueTarget)) continue;
            // "the best selling genre": the metric a paying verb names right after the ranking word is what ranks, not the group.
            if (!groupable(m) && facts.hasMetricLike(ts) && rankedBefore(m)) continue;
            boolean opens = askedWhich(m) || (rd.rankEnd >= 0 && rd.precededOnlyByStops(rd.rankEnd, m.first())) || rankedAfter(m)
                    || rankedBefore(m) || (rd.sortOnly && m.last() < rd.rankEnd && groupable(m));
            if (!opens) return null;
            // "the genre with the most revenue", "the best selling genre" ask for no list: the entity's rows are the group ranked.
            boolean unlisted = !rd.listingStart() && rd.topN == null && (rankedAfter(m) || rankedBefore(m)) && groupable(m);
            if (!unlisted && ts.stream().anyMatch(t -> facts.entityCube(t).isPresent())) {
                // "which customer country has the most …": the entity's word names the group after it.
                Mention next = i + 1 < mentions.size() ? mentions.get(i + 1) : null;
                if (next != null && next.first() == m.last() + 1 && groupable(next) && !pastTense(next)
                        && next.targets().stream().noneMatch(t -> facts.entityCube(t).isPresent())) {
                    rd.rankQualifier = m;
                    return next;
                }
                return null;
            }
            return groupable(m) ? m : null;
        }
        return null;
    }

    /**
     * "which accounts opened the most tickets": a verb in the past tense after the entity says what
     * it did, even when its stem names a column ("open"); it is not a group of the entity.
     */
    boolean pastTense(Mention m) {
        if (m.positions().size() != 1) return false;
        String raw = rd.tokens.get(m.first()).raw();
        return raw.endsWith("ed") && m.entries().stream().noneMatch(e -> e.raws().contains(raw)) && m.targets().stream()
                .noneMatch(t -> t instanceof Lexicon.MemberTarget mt && java.util.Arrays.asList(mt.member().name().split("_")).contains(raw));
    }

    private boolean holdsVerbNotInName(Mention m) {
        for (int p : m.positions()) {
            String raw = rd.tokens.get(p).raw();
            if (raw.endsWith("ed") && m.entries().stream().noneMatch(e -> e.raws().contains(raw))) return true;
        }
        return false;
    }

    /** The mention right after the rows listed or ranked, when it is only their verb ("accounts opened …"). */
    Mention actionAfter(Mention rows, List<Mention> mentions) {
        if (rows == null) return null;
        for (Mention m : mentions) {
            // A verb naming another table's count ("purchased") still says what is counted.
            if (m.first() == rows.last() + 1 && pastTense(m) && !facts.hasMetricLike(m.targets())) return m;
        }
        return null;
    }

    private static final Set<String> FIGURE_WORDS = io.clarion.agent.language.PhraseBook.words("figure_words");
    private static final Set<String> ASKING_VERBS = Set.of("which", "who", "what");

    /**
     * "give me the number of clients in Germany", "show revenue from EMEA accounts": after a verb
     * of showing, a figure word or a metric before the rows named asks for that figure over them,
     * not for the rows. Rankings ("show revenue of the top 5 accounts") still list them.
     */
    boolean figureAskedBefore(Mention entity, List<Mention> mentions) {
        if (rd.topN != null || rd.descending != null || ASKING_VERBS.contains(rd.tokens.get(0).raw())) return false;
        for (int i = 1; i < entity.first(); i++) if (FIGURE_WORDS.contains(rd.tokens.get(i).raw())) return true;
        for (Mention m : mentions) {
            if (m != entity && m.last() < entity.first() && facts.hasMetricLike(m.targets())
                    && m.targets().stream().noneMatch(t -> facts.entityCube(t).isPresent())) return true;
        }
        return false;
    }

    /** "customers with the most invoices": the question opens with the entity it ranks, a list of its rows. */
    boolean opensWithRankedEntity(List<Mention> mentions) {
        Mention m = mentions.stream().filter(x -> x.targets().stream().anyMatch(t -> !(t instanceof ValueTarget))).findFirst().orElse(null);
        return m != null && rd.allStop(0, m.first()) && rankedAfter(m) && m.targets().stream().anyMatch(t -> facts.entityCube(t).isPresent());
    }

    private boolean groupable(Mention m) {
        return m.targets().stream().noneMatch(t -> t instanceof ValueTarget)
                && facts.dimensions(m.targets()).stream().anyMatch(facts::groupable);
    }

    /** "the genre with the most revenue", "regions having the fewest signups": the group comes right before the ranking. */
    private boolean rankedAfter(Mention m) {
        if (rd.rankWordAt <= m.last()) return false;
        for (int i = m.last() + 1; i < rd.rankWordAt; i++) {
            if (!RANK_LINKS.contains(rd.tokens.get(i).raw())) return false;
        }
        return true;
    }

    /** "the best selling genre", "our highest grossing artists": the ranking word comes right before the group, past a paying verb. */
    private boolean rankedBefore(Mention m) {
        if (rd.rankWordAt < 0 || rd.rankWordAt >= m.first()) return false;
        for (int i = rd.rankWordAt + 1; i < m.first(); i++) {
            if (!rd.tokens.get(i).stop() && !MONEY_VERBS.contains(rd.tokens.get(i).raw())) return false;
        }
        return true;
    }

    private static final Set<String> MONEY_VERBS = io.clarion.agent.language.PhraseBook.words("money_verbs");

    private static final Set<String> RANK_LINKS = Set.of("with", "having", "has", "have", "had", "that", "which", "who", "the");

    /** "by plan and region", "by region, segment and plan": a grouping goes on through "and". */
    boolean continuesGroup(Mention lastGroup, Mention m) {
        if (lastGroup == null || m.first() <= lastGroup.last()) return false;
        for (int i = lastGroup.last() + 1; i < m.first(); i++) {
            if (!Set.of("and", "or", "the", "their", "its", "by", "then", "also", "plus").contains(rd.tokens.get(i).raw())) return false;
        }
        return true;
    }

    /** "by store and warehouse": an "and" (or "or", "plus") joins the name to the grouping before it. */
    boolean joinedToGroup(Mention lastGroup, Mention m) {
        for (int i = lastGroup.last() + 1; i < m.first(); i++) {
            if (Set.of("and", "or", "plus").contains(rd.tokens.get(i).raw())) return true;
        }
        return false;
    }

    /** "Which <group> has the highest <metric>": the thing asked for is a grouping. */
    boolean askedWhich(Mention m) {
        String w = rd.wordBefore(m.first(), Set.of("the", "a", "an"));
        return w.equals("which") || w.equals("what");
    }

    Cmp comparisonFor(Mention m) {
        // "accounts in EMEA with more than 200 seats": a text value is never what a number compares.
        if (m.targets().stream().allMatch(t -> t instanceof ValueTarget)) return null;
        for (Cmp c : rd.comparisons) {
            if (c.attached || c.owner != null && !c.owner.equals(m)) continue;
            if (c.owner != null) {
                c.attached = true;
                return c;
            }
            // "health score below 40", "health score is below 40", "MRR of more than 1000"
            int gap = c.start - m.last() - 1;
            boolean before = gap >= 0 && gap <= 2 && rd.allStop(m.last() + 1, c.start);
            // "more than 5 open tickets"
            int gap2 = m.first() - c.end - 1;
            boolean after = gap2 >= 0 && gap2 <= 1 && rd.allStop(c.end + 1, m.first());
            if (before || after) {
                c.attached = true;
                return c;
            }
        }
        return null;
    }

    /**
     * "Which 3 accounts raised the most tickets": the noun right after the question word is
     * the thing listed; it is read first so no longer phrase swallows it.
     */
    void reserveEntity() {
        if (!rd.listingStart()) return;
        int k = rd.listVerbAt() + 1;
        while (k < rd.tokens.size() && (rd.tokens.get(k).stop() || rd.taken[k])) k++;
        if (k >= rd.tokens.size()) return;
        // "which acquisition channel": a longer name starting here is that name, not the entity.
        final int at = k;
        // "which customers opened …" is not "opening customers": a past tense the name does not hold is a verb.
        if (lexicon.find(rd.tokens, rd.taken).stream().anyMatch(m -> m.positions().contains(at) && m.positions().size() > 1
                && !holdsVerbNotInName(m))) return;
        boolean[] only = new boolean[rd.tokens.size()];
        java.util.Arrays.fill(only, true);
        only[k] = false;
        for (Mention m : lexicon.find(rd.tokens, only)) {
            if (m.targets().stream().anyMatch(t -> facts.entityCube(t).isPresent())) {
                rd.taken[k] = true;
                rd.reservedEntity = m;
            }
        }
    }

    Mention entityMention(List<Mention> mentions) {
        for (Mention m : mentions) {
            for (Target t : m.targets()) {
                if (facts.entityCube(t).isPresent() && comparisonsNotOn(m)) return m;
            }
        }
        return null;
    }

    boolean comparisonsNotOn(Mention m) {
        for (Cmp c : rd.comparisons) {
            if (c.start - m.last() - 1 >= 0 && c.start - m.last() - 1 <= 2 && rd.allStop(m.last() + 1, c.start)) return false;
        }
        return true;
    }
}
