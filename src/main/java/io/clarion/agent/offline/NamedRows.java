package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An id or a name the question gives ("cus_000121", "Atlas Goods Ventures Co.", "Elena Garcia")
 * is one row of the catalog, never words to link one by one ("Goods" is no health band) nor
 * words to drop. The catalog's values are too many to list up front, so each candidate is looked
 * up where it can be: an id among the catalog's key columns, a name of two or more capitalised
 * words among its name columns, with an ordinary governed metric query (the value a bind
 * parameter). Cubes whose query groups rows (a score per customer) are not searched, as a
 * lookup would compute them whole; personal columns never are. Found, it is a value the reading filters on;
 * not found, its words are read as before.
 */
final class NamedRows {
    /** "cus_000121", "INV-2024-7": letters, a separator, digits. */
    private static final Pattern ID = Pattern.compile("\\b(?:[A-Za-z]{2,10}_|[A-Z]{2,10}-)\\d[\\w-]*\\b");
    /** Two or more capitalised words, joined by spaces and the small words of company names. */
    private static final Pattern NAME = Pattern.compile(
            "(?<![\\p{L}\\d])\\p{Lu}[\\p{L}\\d&'.-]*(?: (?:(?:of|and|&|de|del|da|do|la|le|van|von|the) )?[\\p{Lu}\\d][\\p{L}\\d&'.-]*)+");
    /** Question and command words a name run may open with ("Which Atlas Goods …", "Show Astra …"). */
    private static final Set<String> OPENERS = Set.of("which", "what", "who", "whom", "how", "show", "list", "give", "tell",
            "is", "are", "does", "did", "do", "has", "have", "was", "the", "for", "and", "of", "in", "please", "compare");

    private NamedRows() {
    }

    static List<Mention> find(Reading rd) {
        List<Mention> out = new ArrayList<>();
        Matcher id = ID.matcher(rd.question);
        // The columns to search depend on the catalog only: found once a question, when it names something.
        List<Dimension> keys = null, names = null;
        while (id.find()) {
            if (keys == null) keys = keyColumns(rd);
            Optional<Mention> m = lookUp(rd, id.group(), keys);
            if (m.isPresent()) out.add(m.get());
            else if (positions(rd, id.group()) != null && !keys.isEmpty()) rd.unknownIds.add(id.group());
        }
        Matcher name = NAME.matcher(rd.question);
        while (name.find()) {
            List<String> words = new ArrayList<>(List.of(name.group().split(" ")));
            while (!words.isEmpty() && OPENERS.contains(words.get(0).toLowerCase(java.util.Locale.ROOT))) words.remove(0);
            if (words.size() < 2) continue;
            // "Maya Moreau's customers": the possessive is not part of the name.
            String said = String.join(" ", words).replaceFirst("['\u2019]s$", "");
            if (names == null) names = nameColumns(rd);
            Optional<Mention> m = lookUp(rd, said, names);
            if (m.isEmpty() && said.endsWith(".")) m = lookUp(rd, said.substring(0, said.length() - 1), names);
            m.ifPresent(out::add);
        }
        // "tracks by Queen": one capitalised word inside the question that the catalog's words do not know, looked up as a name.
        Matcher single = SINGLE.matcher(rd.question);
        while (single.find()) {
            String w = single.group();
            if (single.start() == 0 || io.clarion.agent.language.DatePhrases.calendarName(w.toLowerCase(java.util.Locale.ROOT)) || Text.STOP.contains(w.toLowerCase(java.util.Locale.ROOT))
                    || OPENERS.contains(w.toLowerCase(java.util.Locale.ROOT)) || known(rd, w)) continue;
            if (names == null) names = nameColumns(rd);
            lookUp(rd, w, names).ifPresent(out::add);
        }
        // "albums by AC/DC", "tracks by U2": a stylised name (capitals joined by a slash or dash, or with digits) is looked up the same way.
        Matcher stylised = STYLISED.matcher(rd.question);
        while (stylised.find()) {
            String w = stylised.group();
            if (w.matches("(?i)q[1-4]|h[12]") || known(rd, w)) continue;
            if (names == null) names = nameColumns(rd);
            lookUp(rd, w, names).ifPresent(out::add);
        }
        return out;
    }

    private static final Pattern STYLISED = Pattern.compile(
            "(?<![\\p{L}\\d/&-])\\p{Lu}[\\p{Lu}\\d]*(?:[/&+-][\\p{Lu}\\d]+)+(?![\\p{L}\\d])|(?<![\\p{L}\\d])\\p{Lu}+\\d+(?![\\p{L}\\d])");

    /** One capitalised word standing alone (not part of a run of them, which {@link #NAME} reads). */
    private static final Pattern SINGLE = Pattern.compile("(?<!\\p{Lu}\\p{L}{0,30} )(?<![\\p{L}\\d])\\p{Lu}\\p{Ll}{2,}(?![\\p{L}\\d])(?! \\p{Lu})");

    /** A word the catalog's own names, synonyms or values already read. */
    private static boolean known(Reading rd, String word) {
        List<Text.Token> one = Text.tokens(word);
        return one.isEmpty() || !rd.ctx.lexicon().find(one, new boolean[one.size()]).isEmpty();
    }

    /** An id the question gives that no key column holds: said, never answered as if it were not there. */
    static Optional<PlannerOutcome> unknown(Reading rd) {
        if (rd.unknownIds.isEmpty()) return Optional.empty();
        return Optional.of(new PlannerOutcome.Refused("I found no row with the id " + String.join(", ", rd.unknownIds.stream().map(x -> "\"" + x + "\"").toList())
                + " (looked up in " + String.join(", ", keyColumns(rd).stream().map(Dimension::fullName).toList())
                + "). Check the id, or ask without it."));
    }

    /**
     * "what plan is cus_000044 on", "who is the owner of Atlas Harbor Corp": nothing measured, a row
     * named, and columns asked of it: those columns of that row.
     */
    static Optional<PlannerOutcome> attributes(Reading rd, CatalogFacts facts, List<Mention> mentions, List<MetricQuery.Filter> filters,
                                               List<String> segments) {
        if (rd.namedRows.isEmpty()) return Optional.empty();
        QueryAssembler q = new QueryAssembler(rd);
        for (Mention m : mentions) {
            if (rd.namedRows.contains(m) || m.targets().stream().allMatch(t -> t instanceof ValueTarget)) continue;
            List<io.clarion.catalog.model.Member> columns = facts.orderForGroup(m.targets());
            if (!columns.isEmpty()) q.groupSlots.add(new Slot(m, columns, null));
        }
        if (q.groupSlots.isEmpty()) return Optional.empty();
        q.filters.addAll(filters);
        q.segments.addAll(segments);
        return Optional.of(q.compile());
    }

    private static Optional<Mention> lookUp(Reading rd, String value, List<Dimension> columns) {
        TreeSet<Integer> at = positions(rd, value);
        if (at == null) return Optional.empty();
        for (Dimension d : columns) {
            if (!exists(rd.ctx.queries(), d, value)) continue;
            for (int p : at) rd.taken[p] = true;
            Set<String> raws = new HashSet<>();
            for (int p : at) raws.add(rd.tokens.get(p).raw());
            rd.assumptions.add("Read \"" + value + "\" as " + d.fullName() + " \"" + value + "\".");
            Mention m = new Mention(at, 1.0, List.of(new Entry(Text.contentStems(value), raws, new ValueTarget(d, value), true, Set.of())));
            rd.namedRows.add(m);
            return Optional.of(m);
        }
        return Optional.empty();
    }

    /** The question's free token positions that spell the value, in order; null when they are not all there. */
    private static TreeSet<Integer> positions(Reading rd, String value) {
        List<String> words = Text.tokens(value).stream().map(Text.Token::raw).toList();
        if (words.isEmpty()) return null;
        for (int i = 0; i + words.size() <= rd.tokens.size(); i++) {
            boolean same = true;
            for (int k = 0; k < words.size() && same; k++) same = !rd.taken[i + k] && rd.tokens.get(i + k).raw().equals(words.get(k));
            if (!same) continue;
            TreeSet<Integer> at = new TreeSet<>();
            for (int k = 0; k < words.size(); k++) at.add(i + k);
            return at;
        }
        return null;
    }

    private static boolean exists(QueryService queries, Dimension d, String value) {
        try {
            MetricQuery q = new MetricQuery(List.of(), List.of(d.fullName()),
                    List.of(new MetricQuery.Filter(d.fullName(), null, "equals", JsonNodeFactory.instance.textNode(value), null)),
                    null, null, 1, null, null, null, null, null);
            return !queries.run(q, new QueryService.Options(true)).result().rows().isEmpty();
        } catch (RuntimeException e) {
            return false; // a column the caller may not read, or a warehouse that cannot say: the words are read as before
        }
    }

    /** Key columns: each cube's own key, or the id columns of a catalog that declares none. */
    private static List<Dimension> keyColumns(Reading rd) {
        List<Dimension> out = new ArrayList<>();
        for (Cube c : rd.ctx.catalog().cubes().values()) {
            if (!lookedUpByIndex(c)) continue;
            for (Dimension d : c.dimensions()) {
                if (searchable(d) && (d.primaryKey() || d.name().endsWith("_id") || d.name().equals("id"))) out.add(d);
            }
        }
        // A row's own key names it; the same id in another table's column only points to it.
        List<Dimension> own = out.stream().filter(Dimension::primaryKey).toList();
        return own.isEmpty() ? out : own;
    }

    /**
     * Name columns ("name", "customer_name", "title"), then the other text columns whose values are
     * too many to have been read up front ("city", "composer"), where a place or a person is named.
     */
    private static List<Dimension> nameColumns(Reading rd) {
        Set<Dimension> names = new LinkedHashSet<>(), others = new LinkedHashSet<>();
        Set<Dimension> read = new java.util.HashSet<>();
        for (var e : rd.ctx.lexicon().entries()) if (e.target() instanceof ValueTarget v) read.add(v.dimension());
        for (Cube c : rd.ctx.catalog().cubes().values()) {
            if (!lookedUpByIndex(c)) continue;
            for (Dimension d : c.dimensions()) {
                if (!searchable(d) || d.primaryKey()) continue;
                if (d.name().equals("name") || d.name().endsWith("_name") || d.name().equals("title")) names.add(d);
                else if (!read.contains(d) && !d.name().endsWith("_id") && !d.name().contains("email") && !d.name().contains("phone")) others.add(d);
            }
        }
        names.addAll(others);
        return List.copyOf(names);
    }

    /** A grouping, a DISTINCT or a window in a cube's query: a lookup would compute the cube whole. */
    private static final Pattern AGGREGATED = Pattern.compile("(?i)\\bgroup\\s+by\\b|\\bdistinct\\b|\\bover\\s*\\(");

    private static boolean lookedUpByIndex(Cube c) {
        return c.sourceIsTable() || c.source() == null || !AGGREGATED.matcher(c.source().source()).find();
    }

    private static boolean searchable(Dimension d) {
        return d.type() == DimensionType.STRING && d.info().certified() && !d.info().pii();
    }
}
