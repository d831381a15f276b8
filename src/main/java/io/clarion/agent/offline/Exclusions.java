package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that leave something out of the answer: "revenue excluding the retail industry",
 * "remove the trial plan and show …", "ticket counts with feature requests removed". A value
 * they govern becomes a "not equals" filter, a boolean is read as false and a segment as the
 * catalog's complementary segment; read as its opposite, it would answer the contrary of the
 * question. The cue words are language and live in {@code agent/phrases.yml}.
 */
final class Exclusions {
    private static final JsonNode PHRASES = PhraseBook.root().path("exclusion");
    private static final Pattern BEFORE = alternatives(PHRASES.path("before"));
    private static final Pattern COMMANDS = alternatives(PHRASES.path("commands"));
    private static final Pattern AFTER = alternatives(PHRASES.path("after"));
    private static final Set<String> AROUND_VERBS = words(PHRASES.path("around").path("verbs"));
    private static final Set<String> PARTICLES = words(PHRASES.path("around").path("particles"));
    private static final List<List<String>> TAILS = phrases(PHRASES.path("around").path("tail"));
    /** At most this many words between a verb and its particle ("leave the smb segment out"). */
    private static final int AROUND_SPAN = 5;
    private static final Set<String> CLAUSE_OPENERS = PhraseBook.words("clause_openers");
    /** Words that may stand between a cue and what it leaves out ("except for the", "without any"). */
    private static final Set<String> BRIDGE = Set.of("the", "a", "an", "any", "all", "for", "of", "our", "those", "these", "in",
            "yet", "been", "be", "ever", "currently");
    /** Words that join several things left out ("excluding retail and media"). */
    private static final Set<String> JOINERS = Set.of("and", "or", "nor", "the");

    private final Reading rd;
    /** Token positions right after which what follows is left out. */
    private final List<Integer> openAt = new ArrayList<>();
    /** Token positions of cues after what they leave out ("with retail removed"). */
    private final List<Integer> closeAt = new ArrayList<>();
    /** Cues that instruct a cut of the answer ("remove … and count …"): what they name is rows, not a count asked for. */
    private final List<Integer> commandAt = new ArrayList<>();

    Exclusions(Reading rd) {
        this.rd = rd;
    }

    /** Finds the cues and marks their words read, so they are neither linked nor listed as unused. */
    void read() {
        find(BEFORE, false, false);
        find(COMMANDS, true, false);
        find(AFTER, false, true);
        findAround();
    }

    /** "leaving Canada out": the verb opens what is left out, the particle (and its tail) closes it. */
    private void findAround() {
        for (int v = 0; v < rd.tokens.size(); v++) {
            if (rd.taken[v] || !AROUND_VERBS.contains(rd.tokens.get(v).raw())) continue;
            for (int o = v + 2; o < rd.tokens.size() && o <= v + 1 + AROUND_SPAN; o++) {
                if (rd.taken[o]) break;
                if (!PARTICLES.contains(rd.tokens.get(o).raw())) continue;
                rd.taken[v] = true;
                rd.taken[o] = true;
                markTail(o + 1);
                openAt.add(v);
                break;
            }
        }
    }

    private void markTail(int from) {
        for (List<String> tail : TAILS) {
            if (from + tail.size() > rd.tokens.size()) continue;
            boolean same = true;
            for (int k = 0; k < tail.size() && same; k++) same = !rd.taken[from + k] && rd.tokens.get(from + k).raw().equals(tail.get(k));
            if (!same) continue;
            for (int k = 0; k < tail.size(); k++) rd.taken[from + k] = true;
            return;
        }
    }

    private void find(Pattern p, boolean clauseStart, boolean after) {
        if (p == null) return;
        Matcher m = p.matcher(rd.joined);
        while (m.find()) {
            int a = rd.tokenAt(m.start());
            int b = rd.tokenAt(m.end() - 1);
            if (clauseStart && !opensClause(a)) continue;
            if (after && (a == 0 || !rd.joined.substring(0, m.start()).matches("(?s).*\\bwith\\b.*"))) continue;
            boolean free = true;
            for (int i = a; i <= b; i++) free &= !rd.taken[i];
            if (!free) continue;
            for (int i = a; i <= b; i++) rd.taken[i] = true;
            if (after) closeAt.add(a);
            else openAt.add(b);
            if (clauseStart) commandAt.add(b);
        }
    }

    /** "Remove …" at the start or after "and", "then", "but", "please": an instruction about the answer. */
    private boolean opensClause(int at) {
        for (int k = at - 1; k >= 0; k--) {
            if (!CLAUSE_OPENERS.contains(rd.tokens.get(k).raw())) return false;
        }
        return true;
    }

    boolean any() {
        return !openAt.isEmpty() || !closeAt.isEmpty();
    }

    /** True when the mention is what a cue leaves out; {@code mentions} in question order, for lists joined by "and"/"or". */
    boolean excludes(Mention m, List<Mention> mentions) {
        if (excludesDirectly(m)) return true;
        for (int cue : closeAt) {
            // "with refunded invoices removed": the value, and at most a noun naming its rows, before the cue.
            if (cue > m.last() && cue - m.last() <= 3 && openedByWith(m.first())) return true;
        }
        // "excluding retail and media": the next value joined to one left out.
        int i = mentions.indexOf(m);
        if (i > 0) {
            Mention prev = mentions.get(i - 1);
            if (prev.last() < m.first() && only(prev.last() + 1, m.first(), JOINERS) && m.first() > prev.last() + 1
                    && excludesDirectly(prev)) return true;
        }
        return false;
    }

    /**
     * "tracks with no composer", "accounts without an owner", "customers missing a renewal date": a
     * column said to be absent. The words after it that only say "on record" are read with it.
     */
    Optional<io.clarion.query.MetricQuery.Filter> blank(Mention m, List<io.clarion.catalog.model.Dimension> dims) {
        if (dims.isEmpty()) return Optional.empty();
        // A date column said with a period ("a renewal date within the coming quarter") is filtered by the period, not by being there.
        boolean dated = dims.get(0).type() == io.clarion.catalog.model.DimensionType.TIME && rd.range != null;
        if (!dated && !dims.get(0).primaryKey() && present(m)) {
            rd.assumptions.add("Read \"" + rd.words(m) + "\" as " + dims.get(0).fullName() + " being filled in.");
            return Optional.of(new io.clarion.query.MetricQuery.Filter(dims.get(0).fullName(), null, "set", null, null));
        }
        if (!absent(m)) return Optional.empty();
        rd.assumptions.add("Read \"" + rd.words(m) + "\" as " + dims.get(0).fullName() + " being empty.");
        return Optional.of(new io.clarion.query.MetricQuery.Filter(dims.get(0).fullName(), null, "not_set", null, null));
    }

    /**
     * "customers that have a company", "tracks with a composer": a column said to be there, with
     * "a"/"an" before it (a column named with "the" or with nothing is a grouping or a listing).
     */
    private boolean present(Mention m) {
        int k = m.first() - 1;
        if (k < 1 || !Set.of("a", "an").contains(rd.tokens.get(k).raw())) return false;
        String verb = rd.tokens.get(k - 1).raw();
        if (!Set.of("with", "have", "has", "having").contains(verb)) return false;
        // "... with a company on record": the words that only say so are read with it.
        rd.taken[k] = true;
        return true;
    }

    private boolean absent(Mention m) {
        int k = m.first() - 1;
        while (k >= 0 && Set.of("a", "an", "any").contains(rd.tokens.get(k).raw())) k--;
        if (k < 0 || !ABSENT.contains(rd.tokens.get(k).raw())) return false;
        rd.taken[k] = true;
        int after = m.last() + 1;
        if (after < rd.tokens.size() && ON_RECORD.contains(rd.tokens.get(after).raw())) rd.taken[after] = true;
        return true;
    }

    private static final Set<String> ABSENT = Set.of("no", "without", "missing", "lacking");
    private static final Set<String> ON_RECORD = Set.of("listed", "recorded", "set", "given", "entered", "filled", "known", "specified");

    /** True when an instruction opening a clause leaves the mention out ("drop the churned accounts and …"). */
    boolean byCommand(Mention m) {
        for (int cue : commandAt) {
            Integer p = m.positions().higher(cue);
            if (p != null && p - cue <= 4 && only(cue + 1, p, BRIDGE)) return true;
        }
        return false;
    }

    /** "with the … removed": only bridging words between "with" and the mention. */
    private boolean openedByWith(int at) {
        for (int k = at - 1; k >= 0 && k >= at - 3; k--) {
            String w = rd.tokens.get(k).raw();
            if (w.equals("with")) return true;
            if (!BRIDGE.contains(w)) return false;
        }
        return false;
    }

    /** A cue right before the mention, or before one of its words ("tickets that are not closed" names closed tickets). */
    private boolean excludesDirectly(Mention m) {
        for (int cue : openAt) {
            Integer p = m.positions().higher(cue);
            if (p != null && p - cue <= 4 && only(cue + 1, p, BRIDGE)) return true;
        }
        return false;
    }

    private boolean only(int from, int to, Set<String> words) {
        for (int i = from; i < to; i++) if (!words.contains(rd.tokens.get(i).raw())) return false;
        return true;
    }

    /**
     * The segment holding every row the given one leaves out: the one whose condition is the
     * same test turned around ("churned_at IS NOT NULL" against "churned_at IS NULL").
     */
    static Optional<Segment> complement(Catalog catalog, Segment s) {
        String own = norm(s.sql().source());
        String flipped = own.contains(" is not null") ? own.replace(" is not null", " is null")
                : own.contains(" is null") ? own.replace(" is null", " is not null")
                : own.contains(" <> ") ? own.replace(" <> ", " = ")
                : own.contains(" != ") ? own.replace(" != ", " = ")
                : own.contains(" = ") ? own.replace(" = ", " <> ") : null;
        if (flipped == null) return Optional.empty();
        String alt = flipped.contains(" <> ") ? flipped.replace(" <> ", " != ") : flipped;
        return catalog.cube(s.cube()).flatMap(c -> c.segments().stream()
                .filter(o -> !o.equals(s) && (norm(o.sql().source()).equals(flipped) || norm(o.sql().source()).equals(alt)))
                .findFirst());
    }

    private static String norm(String sql) {
        return " " + sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) + " ";
    }

    private static Set<String> words(JsonNode list) {
        Set<String> out = new java.util.HashSet<>();
        list.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    private static List<List<String>> phrases(JsonNode list) {
        List<List<String>> out = new ArrayList<>();
        list.forEach(x -> out.add(List.of(x.asText().toLowerCase(Locale.ROOT).split(" "))));
        return List.copyOf(out);
    }

    private static Pattern alternatives(JsonNode list) {
        List<String> words = new ArrayList<>();
        list.forEach(x -> words.add(Pattern.quote(x.asText().toLowerCase(Locale.ROOT))));
        if (words.isEmpty()) return null;
        // Longest first, so "leave out" wins over "leave".
        words.sort((x, y) -> y.length() - x.length());
        return Pattern.compile("\\b(?:" + String.join("|", words) + ")\\b");
    }

    /**
     * "active accounts … churned": a segment and its complement together match no row. That is a
     * reading error to ask about, not an empty answer to give.
     */
    static Optional<io.clarion.agent.PlannerOutcome> contradictorySegments(Reading rd, List<String> own, List<io.clarion.query.MetricQuery.Filter> valueFilters) {
        List<String> all = new ArrayList<>(own);
        all.addAll(rd.inheritedSegments);
        all.addAll(rd.extraSegments);
        for (String name : all) {
            Optional<io.clarion.catalog.model.Segment> other = rd.ctx.catalog().segment(name).flatMap(sg -> complement(rd.ctx.catalog(), sg));
            if (other.isPresent() && all.contains(other.get().fullName())) {
                return Optional.of(new io.clarion.agent.PlannerOutcome.Clarify("The question names both " + name + " and " + other.get().fullName()
                        + ", and no row is both. Which one do you mean?", List.of(name, other.get().fullName())));
            }
            // "active … churned" read as the active segment and the value "churned": the value names the complement.
            for (io.clarion.query.MetricQuery.Filter f : valueFilters) {
                if (other.isPresent() && "equals".equals(f.operator()) && f.value() != null
                        && f.value().asText().strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '_').equals(other.get().name())) {
                    return Optional.of(new io.clarion.agent.PlannerOutcome.Clarify("The question names both " + name + " and " + f.dimension() + " \""
                            + f.value().asText() + "\", and no row is both. Which one do you mean?", List.of(name, f.dimension() + " = " + f.value().asText())));
                }
            }
        }
        return Optional.empty();
    }
}
