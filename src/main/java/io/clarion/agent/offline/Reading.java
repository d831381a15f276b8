package io.clarion.agent.offline;

import io.clarion.agent.CatalogTopics;
import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.DatePhrases;
import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.language.ShapeWords;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One question being read: its words, which of them each stage has read (and as what), and the
 * facts the stages agree on (range, comparisons, ranking, share, grain). The stages are
 * {@link PhraseReader}, {@link Roles}, {@link MetricChoice} and {@link QueryDraft}; this class
 * holds their shared state and the word-level helpers they use.
 */
final class Reading {
    private static final Set<String> FILLERS = PhraseBook.words("fillers");
    private static final Set<String> MEASURE_NOUNS = PhraseBook.words("measure_nouns");

    final ReaderContext ctx;
    final CatalogFacts facts;
    final Roles roles;
    final MetricChoice choice;
    final String question;
    final List<Mention> namedRows = new ArrayList<>(); // ids and names the question gives, found in the catalog's rows
    final List<String> unknownIds = new ArrayList<>();  // ids the question gives that no row holds
    final Conversation conversation;
    final List<Text.Token> tokens;
    final boolean[] taken;
    final String joined;
    final int[] tokenAtChar;
    final List<String> assumptions = new ArrayList<>();
    final List<String> inheritedDims = new ArrayList<>();
    final List<MetricQuery.Filter> inheritedFilters = new ArrayList<>();
    final List<String> inheritedSegments = new ArrayList<>();
    final List<String> extraSegments = new ArrayList<>();
    /** Values read from words left over by the metric choice ("signed up through partners"). */
    final List<MetricQuery.Filter> extraFilters = new ArrayList<>();
    /** The words each extra segment was read from: where they stand tells a share's part from its scope. */
    final java.util.Map<String, io.clarion.agent.linking.Lexicon.Mention> extraSegmentWords = new java.util.HashMap<>();
    final Exclusions exclusions = new Exclusions(this);

    List<String> joinPath;   // pinned by the answer to a clarifying question
    String chosenMetric;     // picked by the answer to a "which metric" clarifying question
    String range;            // a DateRange phrase
    int rangeFrom = -1;      // the range phrase's first word
    PeriodComparison.Pair comparedPeriods; // "2024 vs 2025": two periods side by side, one row each
    String compare;          // "by how much signups rose from March to June": the query's compare (PeriodChange)
    List<String> periods;    // "Q1 2025 vs Q1 2026": periods apart, one row each (the query's in_periods)
    boolean rangeIsMonths;   // "last N months": calendar months when grouped by month
    String grain;            // day..year when asked "by month", "monthly", ...
    final List<Cmp> comparisons = new ArrayList<>();
    Boolean descending;      // ranking asked for
    boolean sortOnly;        // "sorted by …": every group in order, no cut
    boolean groupAverage;    // "average tickets per customer" with no ratio declared: the mean over the groups (CountRatios)
    boolean allInOrder;      // "…, highest first": every group in that order, no cut, whatever is grouped
    Integer topN;
    boolean share;           // "what share of X ...": each group's share of the total
    int shareEnd = -1;       // the last word of "share of": what the share is of follows it
    boolean rankedPeriodSingular; // "which month had the most": one period answers
    int rankEnd = -1;        // the last word of "top 3", "bottom 5": the ranked group follows it
    int rankWordAt = -1;     // "most", "highest" read alone: "the genre with the most …" ranks the genre
    final List<Cmp> noneOf = new ArrayList<>();  // "with no open tickets": measures compared to 0 (NoneOf)
    int recencyAt = -1;      // "the 10 most recent signups", "latest 3 invoices": rows in the order of their date (Recency)
    Mention rankQualifier;   // "customer" in "which customer country has the most …": part of the ranked group's name
    Mention reservedEntity;  // the noun right after "which"/"list", read first as the entity listed
    boolean summaryAsked;    // "show me a summary of …": a figure, not a list
    io.clarion.catalog.model.MeasureType askedType; // "on average", "mean": metrics of that type are preferred

    Reading(ReaderContext ctx, String question, Conversation conversation) {
        this.ctx = ctx;
        this.facts = new CatalogFacts(ctx.catalog(), ctx.lexicon());
        this.roles = new Roles(this, facts, ctx.lexicon());
        this.choice = new MetricChoice(this, facts);
        this.question = question;
        this.conversation = conversation;
        this.tokens = LayoutWords.otherAfterCount(Superlatives.reword(LeavingVerbs.reword(io.clarion.agent.linking.Spelling.correct(Text.tokens(question), question,
                ctx.lexicon(), assumptions), ctx.catalog(), ctx.lexicon(), assumptions), ctx.lexicon()));
        this.taken = new boolean[tokens.size()];
        StringBuilder sb = new StringBuilder();
        List<Integer> map = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sb.append(' ');
                map.add(i);
            }
            for (int c = 0; c < tokens.get(i).raw().length(); c++) map.add(i);
            sb.append(tokens.get(i).raw());
        }
        this.joined = sb.toString();
        this.tokenAtChar = map.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Marks the words of a match as read; false when some were already read as something else. */
    boolean take(int startChar, int endChar) {
        if (!free(startChar, endChar)) return false;
        for (int i = tokenAtChar[startChar]; i <= tokenAtChar[endChar - 1]; i++) taken[i] = true;
        return true;
    }

    /** No word between the two characters is read yet. */
    boolean free(int startChar, int endChar) {
        if (startChar >= endChar) return false;
        for (int i = tokenAtChar[startChar]; i <= tokenAtChar[endChar - 1]; i++) if (taken[i]) return false;
        return true;
    }

    int tokenAt(int ch) {
        return tokenAtChar[Math.min(ch, tokenAtChar.length - 1)];
    }

    PlannerOutcome plan() {
        if (tokens.isEmpty()) return cannot();
        PeriodComparison.read(this);
        PhraseReader.readRange(this, ctx.lexicon());
        PhraseReader.readComparisons(this);
        PhraseReader.readRanking(this);
        Recency.read(this);
        PhraseReader.readShare(this);
        PhraseReader.readRankedPeriod(this);
        PhraseReader.readListVerb(this);
        PhraseReader.readRepeatedGrain(this);
        exclusions.read();
        roles.reserveEntity();
        // "the United States" where the catalog says "USA": read before its words link on their own ("states").
        List<Mention> countries = Demonyms.otherNames(this);
        // "cus_000121", "Atlas Goods Ventures Co.": one row named, looked up before its words link one by one.
        countries.addAll(NamedRows.find(this));
        // "the growth of MRR": the metric named the other way round, before "growth" reads as a value.
        countries.addAll(InvertedNames.find(this));
        // "likely to cancel": a prediction, read before the leaving verb is read as customers who left.
        Predictions.find(this).ifPresent(countries::add);
        // "tracks sold": counted in the units of the rows that sell them, before "tracks" links to the table's own count.
        SoldUnits.find(this).ifPresent(countries::add);
        // "longer than 5 minutes": a duration compared in the unit its column stores, before the unit's word links on its own.
        Optional<Mention> duration = DurationFilters.find(this);
        duration.ifPresent(countries::add);
        // "invoices over 10 dollars": each row's own money column, not a count of rows.
        AmountFilters.find(this).ifPresent(countries::add);
        // "tenure over 60 months": a period word right after a compared number is its unit, not a value or a grain.
        for (Cmp c : comparisons) {
            int u = c.end + 1;
            // "invoices over 20 dollars": the currency is the number's, as a count reads it (AmountFilters).
            int money = AmountFilters.currencyWordAfter(this, c);
            if (money > 0 && !taken[money]) taken[money] = true;
            if (u < tokens.size() && !taken[u] && DatePhrases.TIME_WORDS.contains(tokens.get(u).raw())) {
                taken[u] = true;
                assumptions.add("Read \"" + tokens.get(u).raw() + "\" after " + tokens.get(c.end).raw()
                        + " as the unit of the number, compared as it is stored (no conversion).");
            }
        }
        // "the most common category": read before linking, so "common" names nothing on its own.
        int common = CommonValues.find(this);
        List<Mention> mentions = new ArrayList<>(ctx.lexicon().find(tokens, taken));
        mentions.addAll(countries);
        if (reservedEntity != null) mentions.add(reservedEntity);
        mentions.sort(Comparator.comparingInt(Mention::first));
        // "month" alone is a grain ("each month"), not the MRR snapshot month.
        // A value spelled with them ("Month-to-month") is that value.
        mentions.removeIf(m -> !duration.equals(Optional.of(m)) && m.positions().stream().allMatch(p -> DatePhrases.TIME_WORDS.contains(tokens.get(p).raw()))
                && !(m.positions().size() > 1 && m.targets().stream().anyMatch(t -> t instanceof io.clarion.agent.linking.Lexicon.ValueTarget)));
        LayoutWords.notValues(this, mentions);
        mentions = new ArrayList<>(MoneyVerbs.verbsNotValues(mentions, facts, this));
        mentions.removeIf(this::countOfWhatFollows);
        mentions.replaceAll(this::countedRows);
        for (Mention m : mentions) for (int p : m.positions()) taken[p] = true;
        LayoutWords.wordsInsideNames(this, mentions);
        PeriodComparison.readCueWordsLeft(this);
        PhraseReader.readGrain(this);
        // "which plans earn the highest MRR": a money named outright is the one asked, not the revenue a paying verb names.
        if (mentions.stream().noneMatch(m -> facts.namesMoneyOnly(m.targets()))) {
            MoneyVerbs.find(this).ifPresent(mentions::add);
        }
        mentions.addAll(ValueAbbreviations.find(this));
        mentions.addAll(Demonyms.find(this));
        // Words nothing above read: linked to the catalog by their words and meaning, said as an assumption.
        mentions.addAll(ctx.linked().find(tokens, taken, mentions, assumptions));
        mentions.sort(Comparator.comparingInt(Mention::first));
        mentions = ChangeWords.notValues(this, facts, mentions);
        NoneOf.read(this, mentions);
        Optional<PlannerOutcome> unknown = NamedRows.unknown(this);
        if (unknown.isPresent()) return unknown.get();
        PlannerOutcome built = PeriodChange.changeAsked(this, PeriodChange.changeOverPair(this, new QueryDraft(this).build(mentions)));
        built = CommonValues.apply(this, mentions, common, built);
        return statingUnusedWords(NoneOf.apply(this, Buyers.apply(this, CountedGroups.apply(this, Recency.apply(this, SummedColumnGroups.apply(this, FinerMoney.apply(this, LatestBalance.apply(this, FutureRange.apply(this, built)))))))));
    }


    /** Every word of the question the query does not use is said, never dropped in silence. */
    PlannerOutcome statingUnusedWords(PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p)) return o;
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Text.Token t = tokens.get(i);
            // A year no date phrase read ("… who signed up in 2024" beside another period) is said, not dropped.
            boolean year = t.raw().matches("(19|20)\\d{2}");
            if (taken[i] || t.stop() || (!Character.isLetter(t.raw().charAt(0)) && !year) || FILLERS.contains(t.raw())) continue;
            if (!unused.contains(t.raw())) unused.add(t.raw());
        }
        // "over 150" that no filter took: said, never dropped in silence.
        for (Cmp c : comparisons) {
            boolean used = p.query().filters().stream().anyMatch(f -> f.value() != null && f.value().isNumber()
                    && c.values.stream().anyMatch(v -> Math.abs(v - f.value().asDouble()) < 1e-9))
                    || p.query().filters().stream().anyMatch(f -> f.values() != null && f.values().toString().contains(String.valueOf(c.values.get(0).longValue())));
            if (used) continue;
            List<String> words = new ArrayList<>();
            for (int i = c.start; i <= c.end && i < tokens.size(); i++) words.add(tokens.get(i).raw());
            String said = String.join(" ", words);
            if (!unused.contains(said)) unused.add(said);
        }
        if (unused.isEmpty()) return o;
        // "our employee satisfaction score": a measure the catalog lacks is refused, not answered with a count.
        // A word the answered member already says ("the ratio" of a ratio metric) is no such measure.
        if (unused.stream().anyMatch(w -> MEASURE_NOUNS.contains(w) && p.query().metrics().stream().noneMatch(m -> facts.describes(m, w)))) {
            return cannot();
        }
        // "which competitors are our customers switching to": the thing asked for names nothing in the
        // catalog; listing some other rows in its place would answer a question nobody asked.
        if (askedThingUnknown(unused)) return cannot();
        List<String> a = new ArrayList<>(p.assumptions());
        a.add("Not used in the query: \"" + String.join("\", \"", unused) + "\"; ask again naming it if it matters.");
        return new PlannerOutcome.Planned(p.query(), a, p.basis());
    }


    /** The noun right after an opening "which"/"what" is among the words nothing read. */
    private boolean askedThingUnknown(List<String> unused) {
        int k = 0;
        while (k < tokens.size() && Set.of("so", "ok", "okay", "please", "and", "but").contains(tokens.get(k).raw())) k++;
        // "how many visitors came …": the rows counted are the thing asked for; a word the reader read
        // among the next few ("how many separate customers") is that thing.
        if (k + 2 < tokens.size() && tokens.get(k).raw().equals("how") && tokens.get(k + 1).raw().equals("many")) {
            for (int j = k + 2; j < Math.min(tokens.size(), k + 5); j++) if (taken[j]) return false;
            k++;
        } else if (k + 1 >= tokens.size() || !Set.of("which", "what").contains(tokens.get(k).raw())) return false;
        Text.Token head = tokens.get(k + 1);
        // "what kind of plan", "which one of the regions": the noun asked for comes after "of".
        boolean ofNext = k + 2 < tokens.size() && tokens.get(k + 2).raw().equals("of");
        return !ofNext && !taken[k + 1] && !head.stop() && unused.contains(head.raw()) && !FILLERS.contains(head.raw());
    }

    /** The words just before position {@code i}, nearest first, skipping the given ones. */
    String wordBefore(int i, Set<String> skip) {
        for (int k = i - 1; k >= 0; k--) {
            String w = tokens.get(k).raw();
            if (skip.contains(w)) continue;
            return w;
        }
        return "";
    }

    /**
     * "count of tracks": a word that names the count of every cube ("count") only asks for a count
     * of what follows "of"; read as a measure it would count whichever cube came first.
     */
    private boolean countOfWhatFollows(Mention m) {
        if (m.positions().size() != 1 || m.last() + 2 >= tokens.size() || !tokens.get(m.last() + 1).raw().equals("of")) return false;
        Set<String> cubes = new java.util.HashSet<>();
        for (io.clarion.agent.linking.Lexicon.Target t : m.targets()) {
            if (t instanceof io.clarion.agent.linking.Lexicon.MemberTarget mt) cubes.addAll(facts.cubesOf(mt.member()));
            else return false;
        }
        return cubes.size() > 1 && facts.isCount(((io.clarion.agent.linking.Lexicon.MemberTarget) m.targets().get(0)).member());
    }

    /**
     * "the number of account owners": a count asked of the words that name a cube's rows by
     * their name column ("account owner" for owners.name) counts the rows, with the cube's count.
     */
    private Mention countedRows(Mention m) {
        int k = m.first() - 1;
        while (k >= 0 && Set.of("the", "our", "all", "distinct", "different", "unique").contains(tokens.get(k).raw())) k--;
        boolean asked = k >= 1 && ((tokens.get(k - 1).raw().equals("how") && tokens.get(k).raw().equals("many"))
                || (tokens.get(k).raw().equals("of") && Set.of("number", "count").contains(tokens.get(k - 1).raw())));
        if (!asked || m.targets().isEmpty()) return m;
        String cube = null;
        for (io.clarion.agent.linking.Lexicon.Target t : m.targets()) {
            if (!(t instanceof io.clarion.agent.linking.Lexicon.MemberTarget mt) || !(mt.member() instanceof io.clarion.catalog.model.Dimension d)) return m;
            boolean names = d.primaryKey() || d.name().equals("name") || (d.name().endsWith("_name") && facts.isNameOfCube(d));
            if (!names || (cube != null && !cube.equals(d.cube()))) return m;
            cube = d.cube();
        }
        Optional<io.clarion.catalog.model.Measure> count = facts.plainCount(cube);
        if (count.isEmpty()) return m;
        io.clarion.agent.linking.Lexicon.Entry e = m.entries().get(0);
        return new Mention(m.positions(), m.score(), List.of(new io.clarion.agent.linking.Lexicon.Entry(e.stems(), e.raws(),
                new io.clarion.agent.linking.Lexicon.MemberTarget(count.get()), false, Set.of())));
    }

    boolean precededOnlyByStops(int from, int to) {
        for (int i = from + 1; i < to; i++) if (!tokens.get(i).stop()) return false;
        return to > from;
    }

    boolean allStop(int from, int to) {
        for (int i = from; i < to; i++) if (!tokens.get(i).stop()) return false;
        return true;
    }

    /** Where the listing verb would stand: after polite words ("could you pull …"). */
    int listVerbAt() {
        int at = 0;
        while (at < tokens.size() - 1 && ShapeWords.LIST_OPENERS.contains(tokens.get(at).raw())) at++;
        // "I need the list of …", "send me a list of …": the noun is the listing verb.
        if (at + 1 < tokens.size() && Set.of("the", "a").contains(tokens.get(at).raw()) && tokens.get(at + 1).raw().equals("list")) at++;
        return at;
    }

    /** Words a question asking for a figure opens with ({@code figure_openers}). */
    private static final Set<String> FIGURE_OPENERS = io.clarion.agent.language.PhraseBook.words("figure_openers");

    boolean listingStart() {
        if (summaryAsked) return false;
        // "churned customers in 2026 and their owners": rows shown with their own columns are a list, whatever opens the question.
        int open = listVerbAt();
        boolean figure = FIGURE_OPENERS.contains(tokens.get(open).raw())
                || tokens.get(open).raw().equals("what") && open + 1 < tokens.size() && !tokens.get(open + 1).raw().equals("are");
        if (!figure) {
            // "customers whose contract ends next month": rows described by their own attribute, with nothing asked of them,
            // are listed ("accounts that churned in february" stays the count people mean by it).
            // "enterprise accounts whose renewal is next month": a value or two may stand before the rows.
            for (int j = open + 1; j < tokens.size() && j <= open + 3 && !tokens.get(j - 1).stop(); j++) {
                if (tokens.get(j).raw().equals("whose")) return true;
            }
            for (int i = 1; i + 1 < tokens.size(); i++) {
                if (tokens.get(i + 1).raw().equals("their") && Set.of("with", "and", "plus").contains(tokens.get(i).raw())) return true;
            }
        }
        int at = listVerbAt();
        String first = tokens.get(at).raw();
        if (!ShapeWords.LIST_START.contains(first)) return false;
        if (first.equals("what")) return tokens.size() > at + 1 && tokens.get(at + 1).raw().equals("are");
        if (first.equals("give")) return true;
        return true;
    }

    // ----- building the query ---------------------------------------------------------

    boolean followUpCue() {
        String a = tokens.get(0).raw();
        String b = tokens.size() > 1 ? tokens.get(1).raw() : "";
        return a.equals("and") || a.equals("also") || a.equals("now") || a.equals("same")
                || ((a.equals("what") || a.equals("how")) && b.equals("about"));
    }

    PlannerOutcome cannot() {
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!taken[i] && !tokens.get(i).stop() && Character.isLetter(tokens.get(i).raw().charAt(0))) {
                unread.add(tokens.get(i).raw());
            }
        }
        String what = unread.isEmpty() ? "that" : "\"" + String.join(" ", unread) + "\"";
        return new PlannerOutcome.Refused("I can't answer " + what + " from the certified catalog: it has no metric for it. "
                + "I can answer questions about " + CatalogTopics.subjects(ctx.catalog()) + ", for example \""
                + CatalogTopics.example(ctx.catalog()) + "\"");
    }


    String grainIn(Mention m) {
        for (int p = m.first(); p <= m.last(); p++) {
            String w = tokens.get(p).raw();
            if (Set.of("day", "week", "month", "quarter", "year").contains(w)) return w;
            if (w.equals("monthly")) return "month";
        }
        return null;
    }

    String words(Mention m) {
        List<String> w = new ArrayList<>();
        for (int p = m.first(); p <= m.last(); p++) w.add(tokens.get(p).raw());
        return String.join(" ", w);
    }
}
