package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "the 5 newest customers", "our oldest accounts", "the most recent invoices": rows listed in the
 * order of the date their table counts them by (the date its row count is placed on: a signup,
 * an invoice date), newest or oldest first, with that date shown.
 */
final class Recency {
    /** Each word and whether it puts the newest first. */
    private static final Map<String, Boolean> WORDS = Map.of("newest", true, "latest", true, "recent", true, "youngest", true,
            "oldest", false, "earliest", false);

    private Recency() {
    }

    /** "the 10 most recent", "latest 3", "our 5 newest": a recency word beside a count of rows, before any word links to it. */
    private static final java.util.regex.Pattern COUNTED = java.util.regex.Pattern.compile("\\b(?:(\\d{1,3}) )?(?:most )?(newest|latest|recent|oldest|earliest)"
            + "(?: (\\d{1,3}))?(?= [a-z])");

    /**
     * Reads a recency word with the number of rows beside it ("latest 3 invoices") as the order
     * and the count of a list, so that the word does not link to a member that holds it ("latest
     * activity", "recent CSAT"). Only with a number, or right after a word that asks for a list.
     */
    static void read(Reading rd) {
        java.util.regex.Matcher m = COUNTED.matcher(rd.joined);
        if (!m.find()) return;
        String n = m.group(1) != null ? m.group(1) : m.group(3);
        int word = rd.tokenAt(m.start(2));
        // Without a number only rows named in the plural are listed ("list the most recent signups", not "the latest tally").
        boolean plural = word + 1 < rd.tokens.size() && !rd.tokens.get(word + 1).stop() && rd.tokens.get(word + 1).raw().endsWith("s");
        boolean listed = word > 0 && plural && rd.listingStart();
        if (n == null && !listed || rd.taken[word]) return;
        if (n != null && rd.topN == null) {
            int at = rd.tokenAt(m.group(1) != null ? m.start(1) : m.start(3));
            if (rd.taken[at]) return;
            rd.taken[at] = true;
            rd.topN = Integer.parseInt(n);
        }
        rd.taken[word] = true;
        rd.recencyAt = word;
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        PlannerOutcome out = ordered(rd, o);
        // A recency word read early that no list took is said as unused, like any other word.
        if (out == o && rd.recencyAt >= 0) rd.taken[rd.recencyAt] = false;
        return out;
    }

    private static PlannerOutcome ordered(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p) || !p.query().metrics().isEmpty() || !p.query().orderBy().isEmpty()
                || p.query().dimensions().isEmpty()) {
            return o;
        }
        int at = rd.recencyAt;
        for (int i = 0; i < rd.tokens.size() && at < 0; i++) if (!rd.taken[i] && WORDS.containsKey(rd.tokens.get(i).raw())) at = i;
        String first = p.query().dimensions().get(0);
        Optional<Cube> cube = rd.ctx.catalog().cube(first.substring(0, Math.max(0, first.indexOf('.'))));
        // "which employee was hired first", "who signed up most recently": the verb names the date, the word its end.
        VerbOrder vo = at < 0 ? verbOrder(rd) : null;
        int verb = vo == null ? -1 : vo.verb();
        if (vo != null) at = vo.word();
        if (at < 0) return o;
        // "the 10 most recent churned customers": rows kept by a dated segment are ordered by that segment's own date.
        Optional<Dimension> date = verb >= 0 ? cube.flatMap(c -> verbDate(rd, c, verb)).or(() -> cube.flatMap(Recency::countedBy))
                : cube.flatMap(c -> segmentDate(rd, c, p.query().segments())).or(() -> cube.flatMap(Recency::countedBy));
        if (date.isEmpty()) return o;
        boolean newest = verb >= 0 ? !rd.tokens.get(at).raw().equals("first") : WORDS.get(rd.tokens.get(at).raw());
        rd.taken[at] = true;
        if (verb >= 0) rd.taken[verb] = true;
        if (at > 0 && rd.tokens.get(at - 1).raw().equals("most")) rd.taken[at - 1] = true;
        String column = date.get().fullName() + ".day";
        MetricQuery q = p.query();
        List<String> dims = new ArrayList<>(q.dimensions());
        if (!dims.contains(column)) dims.add(column);
        List<MetricQuery.OrderBy> order = List.of(new MetricQuery.OrderBy(column, newest ? "desc" : "asc"),
                new MetricQuery.OrderBy(first, "asc"));
        // "our oldest 3 accounts": the count beside the word is how many rows.
        Integer limit = q.limit();
        for (int i : new int[]{at + 1, at - 1}) {
            if (limit == null && i >= 0 && i < rd.tokens.size() && rd.tokens.get(i).raw().matches("\\d{1,3}")) {
                limit = Integer.parseInt(rd.tokens.get(i).raw());
                rd.taken[i] = true;
            }
        }
        // "which employee …": one row named, one row answered.
        if (limit == null && verb >= 0 && cube.map(c -> singularNamed(rd, c)).orElse(false)) limit = 1;
        List<String> a = new ArrayList<>(p.assumptions());
        a.add("Read \"" + rd.tokens.get(at).raw() + "\" as ordered by " + date.get().fullName() + ", " + (newest ? "newest" : "oldest") + " first.");
        return new PlannerOutcome.Planned(new MetricQuery(q.metrics(), dims, q.filters(), q.segments(), order, limit, q.timezone(),
                q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()), a, p.basis());
    }

    /** Words that order by a dated verb: "hired first", "joined last", "signed up most recently", "the most recently hired". */
    private static final Map<String, Boolean> AFTER_VERB = Map.of("first", false, "last", true, "recently", true);

    /** A dated verb and the word that orders by its date. */
    private record VerbOrder(int verb, int word) {
    }

    /**
     * "hired first", "signed up most recently" (the word ends the question: "last" with anything
     * after it is a period) or "most recently hired"; null when there is none.
     */
    private static VerbOrder verbOrder(Reading rd) {
        int n = rd.tokens.size();
        for (int i = 0; i + 1 < n; i++) {
            int w = i + 1 + (rd.tokens.get(i + 1).raw().equals("most") && i + 2 < n ? 1 : 0);
            String word = rd.tokens.get(w).raw();
            if (AFTER_VERB.containsKey(word) && !rd.taken[w] && w == n - 1 && dated(rd, i)) return new VerbOrder(i, w);
        }
        for (int i = 1; i + 1 < n; i++) {
            if (rd.tokens.get(i).raw().equals("recently") && rd.tokens.get(i - 1).raw().equals("most") && !rd.taken[i] && dated(rd, i + 1)) {
                return new VerbOrder(i + 1, i);
            }
        }
        return null;
    }

    private static boolean dated(Reading rd, int i) {
        String v = rd.tokens.get(i).raw();
        return v.length() > 3 && v.endsWith("ed") || v.equals("up") && i > 0;
    }

    /** The table's date named by the verb ("hired" for hire_date; "signed up" for the date the table's rows are counted by). */
    private static Optional<Dimension> verbDate(Reading rd, Cube c, int verb) {
        String v = rd.tokens.get(verb).raw().equals("up") && verb > 0 ? rd.tokens.get(verb - 1).raw() : rd.tokens.get(verb).raw();
        String stem = io.clarion.agent.language.Text.stem(v);
        return c.dimensions().stream().filter(d -> d.type() == DimensionType.TIME
                && io.clarion.agent.language.Text.stem(d.name().split("_")[0]).equals(stem)).findFirst();
    }

    /** The table's rows named in the singular ("which employee", "which account"), by the words its rows go by. */
    private static boolean singularNamed(Reading rd, Cube c) {
        java.util.Set<String> names = CountedGroups.names(c);
        for (io.clarion.agent.language.Text.Token t : rd.tokens) {
            if (names.contains(t.stem())) return !t.raw().endsWith("s");
        }
        return false;
    }

    /** The date of the one segment asked whose rows a count of the table places on a date (churned customers on their churn date). */
    private static Optional<Dimension> segmentDate(Reading rd, Cube c, List<String> segments) {
        List<Dimension> dates = new ArrayList<>();
        for (Measure m : c.measures()) {
            if (m.type() != MeasureType.COUNT || m.timeDimension() == null) continue;
            rd.facts.segmentFor(m).filter(sg -> segments.contains(sg.fullName()))
                    .flatMap(sg -> c.dimensions().stream().filter(x -> x.name().equals(m.timeDimension())).findFirst())
                    .filter(d -> !dates.contains(d)).ifPresent(dates::add);
        }
        return dates.size() == 1 ? Optional.of(dates.get(0)) : Optional.empty();
    }

    /** The date a table's plain row count is placed on, or its only date. */
    private static Optional<Dimension> countedBy(Cube c) {
        for (Measure m : c.measures()) {
            if (m.type() == MeasureType.COUNT && m.filters().isEmpty() && m.timeDimension() != null) {
                Optional<Dimension> d = c.dimensions().stream().filter(x -> x.name().equals(m.timeDimension())).findFirst();
                if (d.isPresent()) return d;
            }
        }
        List<Dimension> dates = c.dimensions().stream().filter(d -> d.type() == DimensionType.TIME).toList();
        return dates.size() == 1 ? Optional.of(dates.get(0)) : Optional.empty();
    }
}
