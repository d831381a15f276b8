package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.diagnostics.Issue;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Assembles a query from slots, trying each slot's alternatives until the catalog accepts one. */
final class QueryAssembler {
    private final Reading rd;

    final List<String> fixedMetrics = new ArrayList<>();
    final List<Slot> metricSlots = new ArrayList<>();
    final List<String> dimensions = new ArrayList<>();
    final List<Slot> groupSlots = new ArrayList<>();
    final List<Slot> extraSlots = new ArrayList<>();
    final List<Slot> filterSlots = new ArrayList<>();
    final List<MetricQuery.Filter> filters = new ArrayList<>();
    final List<String> segments = new ArrayList<>();
    final List<MetricQuery.OrderBy> orderBy = new ArrayList<>();
    Boolean descending;
    Integer limit;
    Mention entity;
    boolean percentOfTotal;
    /** The part a share asks about (see {@link ShareReading}): the first metric's share analysis. */
    final List<MetricQuery.Filter> shareFilters = new ArrayList<>();
    final List<String> shareSegments = new ArrayList<>();

    QueryAssembler(Reading rd) {
        this.rd = rd;
    }

    private static final java.util.Set<String> PARTICIPLES = io.clarion.agent.language.PhraseBook.words("participles");

    /**
     * Grouping words that name no column: "by sales region", "per revenue band" (a word right
     * before the grouping's own column only qualifies it), "bought by customers", "filed by
     * accounts" (after a participle, "by" names who did it), and "across the catalogue" (the
     * whole scope).
     */
    private void qualifiersDropped() {
        for (Slot s : new ArrayList<>(groupSlots)) {
            if (!s.order().isEmpty()) continue;
            int next = s.mention().last() + 1;
            boolean qualifies = groupSlots.stream().anyMatch(g -> g != s && !g.order().isEmpty() && g.mention().first() == next);
            // "filed by enterprise customers": the values read before the slot's own words sit between.
            int by = s.mention().first() - 1;
            while (by > 0 && by >= s.mention().first() - 3 && rd.taken[by] && !rd.tokens.get(by).raw().equals("by")) by--;
            String verb = by >= 1 && rd.tokens.get(by).raw().equals("by") ? rd.tokens.get(by - 1).raw() : "";
            boolean doer = verb.length() > 3 && (verb.endsWith("ed") || PARTICIPLES.contains(verb));
            // "across the catalogue", "over the whole customer base": the scope, all of it, not a grouping.
            String scope = rd.wordBefore(s.mention().first(), java.util.Set.of("the", "our", "all", "whole", "entire"));
            boolean whole = scope.equals("across") || scope.equals("over");
            if (!qualifies && !doer && !whole) continue;
            groupSlots.remove(s);
            // "seats held by churned customers": who did it is not a grouping, but the rows it names still are the rows asked about.
            // A bare noun ("by customers") names all of them, not the rows of some count of them.
            boolean qualified = s.mention().last() > s.mention().first();
            java.util.Optional<io.clarion.catalog.model.Segment> kept = doer && qualified ? rd.facts.countedSegment(s.mention().targets())
                    : java.util.Optional.empty();
            kept.filter(sg -> !segments.contains(sg.fullName())).ifPresent(sg -> segments.add(sg.fullName()));
            // What the words were linked to is not how they were read after all.
            String said = "Read \"" + rd.words(s.mention()) + "\" as ";
            rd.assumptions.removeIf(a -> a.startsWith(said));
            rd.assumptions.add(qualifies ? "Read \"" + rd.words(s.mention()) + "\" as qualifying the grouping that follows it, not as a column."
                    : doer ? "Read \"" + verb + " by " + rd.words(s.mention()) + "\" as who did it, not as a grouping"
                    + kept.map(sg -> "; kept only " + sg.fullName()).orElse("") + "."
                    : "Read \"" + scope + " " + rd.words(s.mention()) + "\" as all of it, not as a grouping.");
        }
    }

    PlannerOutcome compile() {
        qualifiersDropped();
        List<Slot> slots = new ArrayList<>();
        slots.addAll(metricSlots);
        slots.addAll(groupSlots);
        slots.addAll(filterSlots);
        slots.addAll(extraSlots);
        for (Slot s : slots) {
            if (s.order().isEmpty()) return rd.cannot();
        }
        int[] choice = new int[slots.size()];
        QueryException lastError = null;
        List<MetricQuery> tried = new ArrayList<>();
        for (int attempt = 0; attempt < 24; attempt++) {
            MetricQuery q = assemble(slots, choice);
            tried.add(q);
            try {
                rd.ctx.queries().compile(q, new QueryService.Options(true));
                return new PlannerOutcome.Planned(q, rd.assumptions, "offline");
            } catch (QueryException e) {
                lastError = e;
                Issue first = e.errors().get(0);
                if (first.code() == QueryCode.TIMELESS_MEASURE) {
                    if (datedAlternative(slots, choice, first, q) || datedChoice(slots, choice, first, q)) continue;
                    Optional<PlannerOutcome> undated = undated(q);
                    if (undated.isPresent()) return undated.get();
                }
                if (first.code() == QueryCode.AMBIGUOUS_JOIN_PATH) {
                    return new PlannerOutcome.Clarify("There is more than one way to relate these: "
                            + String.join(" or ", first.suggestions()) + ". Which one do you mean?", first.suggestions());
                }
                if (!advance(slots, choice, first, q)) break;
            }
        }
        if (lastError != null && lastError.errors().get(0).code() == QueryCode.NO_JOIN_PATH && !tried.isEmpty()) {
            Optional<PlannerOutcome> joined = sharedColumn(tried);
            if (joined.isPresent()) return joined.get();
        }
        String msg = lastError == null ? "" : lastError.errors().get(0).message();
        return new PlannerOutcome.Refused("I understood the question but could not build a certified query for it ("
                + msg + "). Try naming the metric and the grouping you want, for example \"revenue by region\".");
    }

    /**
     * "average NPS score by segment last quarter": a period asked of a current-state number
     * (a health cube's average) is the period of another measure the same words name that is
     * dated (the survey's own scores), before the period is dropped. Only an alternative named
     * by every content word of the mention; anything less would answer another question.
     */
    private boolean datedAlternative(List<Slot> slots, int[] choice, Issue error, MetricQuery q) {
        String about = error.subject() != null ? error.subject() : q.memberAt(error.path()).orElse(null);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (!metricSlots.contains(s) || !names(about, chosen(slots, choice, i))) continue;
            java.util.Set<String> words = new java.util.HashSet<>();
            for (int k = s.mention().first(); k <= s.mention().last(); k++) {
                io.clarion.agent.language.Text.Token t = rd.tokens.get(k);
                if (!t.stop() && !io.clarion.agent.language.ShapeWords.GENERIC_STEMS.contains(t.stem())) words.add(t.stem());
            }
            Member current = chosen(slots, choice, i);
            Measure cur = current instanceof Measure x ? x : rd.ctx.catalog().metric(current.fullName())
                    .filter(x -> x.refs().size() == 1).flatMap(x -> rd.ctx.catalog().measure(x.refs().get(0))).orElse(null);
            if (cur == null) return false;
            // The same kind of number (an average for an average), dated, and named by the same words: only one, or none.
            List<Measure> alternatives = words.isEmpty() ? List.of() : rd.ctx.catalog().cubes().values().stream().flatMap(c -> c.measures().stream())
                    .filter(m -> m.time().dated() && namedBy(m, words) && cur.type() == m.type() && m.filters().isEmpty() == cur.filters().isEmpty())
                    .toList();
            Optional<Measure> rows = alternatives.size() == 1 ? Optional.empty() : DatedRowCounts.of(rd.ctx.catalog(), cur, q);
            if (alternatives.size() != 1 && rows.isEmpty()) return false;
            Measure m = rows.orElseGet(() -> alternatives.get(0));
            rd.assumptions.add(rows.isPresent()
                    ? "Counted " + current.fullName() + " with " + m.cube() + " rows in the period asked (" + m.fullName() + "): "
                    + current.fullName() + " itself has no date."
                    : "Read \"" + rd.words(s.mention()) + "\" as " + m.fullName() + ", which has dates for the period asked, not "
                    + current.fullName() + ", a current-state number.");
            slots.set(i, new Slot(s.mention(), List.of(m), s.cmp()));
            metricSlots.set(metricSlots.indexOf(s), slots.get(i));
            choice[i] = 0;
            return true;
        }
        return false;
    }

    /**
     * "total revenue … in March": when the words name both a current-state number (lifetime
     * revenue) and a dated one (revenue), a period asked picks the dated one, said.
     */
    private boolean datedChoice(List<Slot> slots, int[] choice, Issue error, MetricQuery q) {
        // "MRR today": the current-state number is the one asked.
        if ("today".equals(rd.range)) return false;
        String about = error.subject() != null ? error.subject() : q.memberAt(error.path()).orElse(null);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            Member current = chosen(slots, choice, i);
            if (!metricSlots.contains(s) || !names(about, current)) continue;
            for (int k = choice[i] + 1; k < s.order().size(); k++) {
                if (!dated(s.order().get(k))) continue;
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as " + s.order().get(k).fullName() + ", which has dates for the period asked, not "
                        + current.fullName() + ", a current-state number.");
                choice[i] = k;
                return true;
            }
        }
        return false;
    }

    /** A measure placed on dates, or a metric all of whose measures are. */
    private boolean dated(Member m) {
        if (m instanceof Measure x) return x.time().dated();
        return m instanceof io.clarion.catalog.model.Metric mt && !mt.refs().isEmpty() && mt.refs().stream()
                .allMatch(r -> rd.ctx.catalog().measure(r).map(x -> x.time().dated()).orElse(false));
    }

    /** Every word is in the member's name (cube and member) or one of its synonyms. */
    private static boolean namedBy(Member m, java.util.Set<String> words) {
        java.util.Set<String> own = new java.util.HashSet<>();
        for (String w : m.fullName().split("[._]")) own.add(io.clarion.agent.language.Text.stem(w));
        for (String syn : m.info().synonyms()) {
            for (String w : syn.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) own.add(io.clarion.agent.language.Text.stem(w));
        }
        return own.containsAll(words);
    }

    /** Tables with no join: the metric's own column of the same name, else a refusal naming both (see {@link SharedColumns}). */
    private Optional<PlannerOutcome> sharedColumn(List<MetricQuery> tried) {
        for (MetricQuery q : tried) {
            List<String> said = new ArrayList<>();
            Optional<MetricQuery> other = SharedColumns.rewrite(rd, q, said);
            if (other.isEmpty()) continue;
            try {
                rd.ctx.queries().compile(other.get(), new QueryService.Options(true));
                rd.assumptions.addAll(said);
                return Optional.of(new PlannerOutcome.Planned(other.get(), rd.assumptions, "offline"));
            } catch (QueryException e) {
                // this reading is still out of reach; the next may not be, else the refusal names what
            }
        }
        return SharedColumns.refusal(rd, tried.get(tried.size() - 1));
    }

    /** A period asked of a number with no date: dated by its parent, or answered without it and said (see {@link UndatedPeriod}). */
    private Optional<PlannerOutcome> undated(MetricQuery q) {
        List<String> said = new ArrayList<>();
        Optional<MetricQuery> other = UndatedPeriod.rewrite(rd.ctx.catalog(), q, said);
        if (other.isEmpty()) return Optional.empty();
        try {
            rd.ctx.queries().compile(other.get(), new QueryService.Options(true));
        } catch (QueryException e) {
            return Optional.empty();
        }
        rd.assumptions.addAll(said);
        return Optional.of(new PlannerOutcome.Planned(other.get(), rd.assumptions, "offline"));
    }

    /**
     * Moves to the next alternative of the slot an issue is about (else the last slot that
     * has one): the member it names as its subject, or the one the query has at its path.
     */
    boolean advance(List<Slot> slots, int[] choice, Issue error, MetricQuery q) {
        String about = error.subject() != null ? error.subject() : q.memberAt(error.path()).orElse(null);
        int target = -1;
        for (int i = 0; i < slots.size(); i++) {
            if (choice[i] + 1 < slots.get(i).order().size() && names(about, chosen(slots, choice, i))) {
                target = i;
            }
        }
        if (target < 0) {
            for (int i = slots.size() - 1; i >= 0; i--) {
                if (choice[i] + 1 < slots.get(i).order().size()) {
                    target = i;
                    break;
                }
            }
        }
        if (target < 0) return false;
        choice[target]++;
        return true;
    }

    Member chosen(List<Slot> slots, int[] choice, int i) {
        return slots.get(i).order().get(choice[i]);
    }

    /** "customers.created_date.month" names customers.created_date, at a grain. */
    static boolean names(String about, Member m) {
        return about != null && (about.equals(m.fullName()) || about.startsWith(m.fullName() + "."));
    }

    MetricQuery assemble(List<Slot> slots, int[] choice) {
        List<String> metrics = new ArrayList<>(fixedMetrics);
        List<String> dims = new ArrayList<>(dimensions);
        List<MetricQuery.Filter> fs = new ArrayList<>(filters);
        List<String> extraDims = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            Member m = chosen(slots, choice, i);
            if (s.cmp() != null) {
                if (m instanceof Dimension d) {
                    fs.add(s.cmp().filter(d.fullName(), true));
                    if (entity != null) extraDims.add(d.fullName());
                } else {
                    fs.add(s.cmp().filter(m.fullName(), false));
                    if (!metrics.contains(m.fullName())) metrics.add(m.fullName());
                }
            } else if (metricSlots.contains(s)) {
                if (!metrics.contains(m.fullName())) metrics.add(m.fullName());
            } else if (m instanceof Dimension found) {
                // "customers per support rep": a column pointing at another table's rows groups by those rows.
                Dimension d = extraSlots.contains(s) ? found : ForeignKeys.referenced(rd.ctx.catalog(), found).orElse(found);
                String byRows = "Grouped by " + d.cube() + " (the rows " + found.fullName() + " points at), each shown by name.";
                if (d != found && !rd.assumptions.contains(byRows)) rd.assumptions.add(byRows);
                String name = d.type() == DimensionType.TIME ? d.fullName() + "." + (rd.grain == null ? "month" : rd.grain) : d.fullName();
                if (extraSlots.contains(s)) extraDims.add(name);
                else if (!dims.contains(name)) {
                    // "sales by employee": grouped by a table's key, each row also says whom it is about.
                    if (d.primaryKey()) rd.facts.nameDimension(d.cube()).map(Dimension::fullName).filter(n -> !dims.contains(n)).ifPresent(dims::add);
                    dims.add(name);
                }
            }
        }
        for (String d : extraDims) if (!dims.contains(d)) dims.add(d);
        List<MetricQuery.OrderBy> order = new ArrayList<>(orderBy);
        Integer lim = limit;
        if (descending != null && !metrics.isEmpty()) {
            order.clear();
            order.add(new MetricQuery.OrderBy(metrics.get(0), descending ? "desc" : "asc"));
            if (lim == null && !rd.sortOnly && !rd.allInOrder) lim = singularGroup() ? 1 : 10;
            // "Which owner has the most …": an answer names someone, not "no owner".
            for (String d : dims) {
                if (!d.startsWith("metric_time") && rd.ctx.catalog().dimension(d).map(x -> x.type() == DimensionType.STRING).orElse(false)
                        && fs.stream().noneMatch(f -> d.equals(f.dimension()))) {
                    fs.add(new MetricQuery.Filter(d, null, "set", null, null));
                    break;
                }
            }
            // Ties are cut the same way on every run: alphabetically by the group ranked.
            if (!dims.isEmpty()) order.add(new MetricQuery.OrderBy(dims.get(0), "asc"));
        }
        List<MetricQuery.Analysis> analysis = rd.groupAverage && !metrics.isEmpty() && !dims.isEmpty()
                ? List.of(new MetricQuery.Analysis("group_average", metrics.get(0), null, null, null, null))
                : percentOfTotal && !metrics.isEmpty()
                ? List.of(new MetricQuery.Analysis("percent_of_total", metrics.get(0), null, null, null, null)) : null;
        if ((!shareFilters.isEmpty() || !shareSegments.isEmpty()) && !metrics.isEmpty()) {
            analysis = List.of(MetricQuery.Analysis.share(metrics.get(0), shareFilters, shareSegments));
        }
        return new MetricQuery(metrics, dims, fs, new ArrayList<>(new LinkedHashSet<>(segments)), order, lim,
                null, rd.compare, analysis, rd.joinPath == null ? null : List.of(rd.joinPath), null);
    }

    boolean singularGroup() {
        if (rd.rankedPeriodSingular) return true;
        // "which owner has the most", "what segment has the highest": one answer.
        for (Slot s : groupSlots) {
            String w = rd.tokens.get(s.mention().last()).raw();
            if (!w.endsWith("s")) return true;
        }
        if (entity != null) {
            String w = rd.tokens.get(entity.last()).raw();
            return !w.endsWith("s") && !w.equals("people");
        }
        return false;
    }
}
