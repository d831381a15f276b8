package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.agent.language.PhraseBook;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which aggregation the question's words ask for ("average", "typical", "maximum"; "highest" only
 * when nothing is ranked), and the catalog's measures declared with that type. The type a measure
 * is declared with is what tells an average from a count: a question asking for an average is
 * answered by an avg measure named by the same words, never by the count of the rows it averages.
 */
final class AggregateWords {
    private static final Map<String, MeasureType> ALWAYS = read("aggregate_words");
    private static final Map<String, MeasureType> EXTREMES = read("extreme_words");
    static final Set<String> AMOUNT_NOUNS = PhraseBook.words("amount_nouns");

    private AggregateWords() {
    }

    /** The aggregation the word asks for; extremes ("highest") only when {@code ungrouped}. */
    static MeasureType of(String raw, boolean ungrouped) {
        MeasureType t = ALWAYS.get(raw);
        return t != null ? t : ungrouped ? EXTREMES.get(raw) : null;
    }

    static boolean extreme(String raw) {
        return EXTREMES.containsKey(raw);
    }

    /** The first word of the question, unread, asking for an aggregation (not an extreme): its position, or -1. */
    static int askedAt(Reading rd) {
        for (int i = 0; i < rd.tokens.size(); i++) {
            if (!rd.taken[i] && ALWAYS.containsKey(rd.tokens.get(i).raw())) return i;
        }
        return -1;
    }

    /** The aggregation a member computes: a measure's type, or that of the measure a simple metric wraps. */
    static Optional<MeasureType> typeOf(Member m, io.clarion.catalog.model.Catalog catalog) {
        if (m instanceof Measure ms) return Optional.of(ms.type());
        if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE && mt.expression() != null) {
            return catalog.measure(mt.expression().strip()).map(Measure::type);
        }
        return Optional.empty();
    }

    /**
     * "how many hours on average does a ticket take", "the mean NPS score": with an aggregation
     * asked, the metrics of that type come first in each mention, and a mention that has one is
     * preferred over those that do not (the count of tickets, the NPS). The word is then read.
     */
    static List<Slot> typedFirst(Reading rd, List<Slot> slots, List<io.clarion.query.MetricQuery.Filter> filters) {
        int at = askedAt(rd);
        // "on average how many units": the word read inside a metric's own words still asks for its type.
        for (int i = 0; i < rd.tokens.size() && at < 0; i++) {
            int k = i;
            if (ALWAYS.containsKey(rd.tokens.get(i).raw()) && slots.stream().anyMatch(s -> s.mention().positions().contains(k))) at = i;
        }
        if (at < 0) return slots;
        MeasureType type = ALWAYS.get(rd.tokens.get(at).raw());
        List<Slot> out = new ArrayList<>();
        boolean any = false;
        for (Slot s : slots) {
            List<Member> typed = new ArrayList<>(), rest = new ArrayList<>();
            for (Member m : s.order()) {
                if (typeOf(m, rd.ctx.catalog()).filter(type::equals).isPresent()) typed.add(m);
                else rest.add(m);
            }
            if (typed.isEmpty()) {
                out.add(s);
                continue;
            }
            any = true;
            filteredTwin(rd, s, type, filters).ifPresent(twin -> {
                typed.remove(twin);
                typed.add(0, twin);
                rd.assumptions.add("Read \"" + rd.words(s.mention()) + "\" as " + twin.fullName()
                        + ", the " + said(type) + " the catalog declares for the value asked.");
            });
            typed.addAll(rest);
            out.add(new Slot(s.mention(), typed, s.cmp()));
        }
        if (!any) {
            out = new ArrayList<>();
            for (Slot s : slots) {
                List<Member> named = namedWithout(rd, s, type);
                if (named.isEmpty()) {
                    out.add(s);
                    continue;
                }
                any = true;
                for (Member m : s.order()) if (!named.contains(m)) named.add(m);
                out.add(new Slot(s.mention(), named, s.cmp()));
            }
        }
        if (!any) return slots;
        rd.taken[at] = true;
        rd.askedType = type;
        return out;
    }

    /** A column named inside an aggregate's words: the SQL its measures read, and the word's position. */
    record Column(String sql, String name, int at) {
    }

    /**
     * Whether a measure reads the column: by its SQL, by the dimension's name, or through a
     * reference to the dimension ("{tenure_days}") as catalogs write a measure over a computed column.
     */
    static boolean reads(Measure ms, String sql, String name) {
        if (ms.sql() == null) return false;
        String s = ms.sql().source().strip();
        return s.equals(sql) || s.equals(name) || s.equals("{" + name + "}") || s.equals("{CUBE}." + sql) || s.equals("{CUBE}." + name);
    }

    /**
     * The one column of the table named by a word in (a, end]: an amount noun ("amount", "value")
     * for the column its only certified, unfiltered currency total adds up; else one word of a
     * number column's name ("price" of "unit_price"), when no other number column has that word.
     */
    static Optional<Column> namedColumn(Reading rd, Cube c, int a, int end) {
        for (int k = a + 1; k <= end && k < rd.tokens.size(); k++) {
            io.clarion.agent.language.Text.Token t = rd.tokens.get(k);
            if (t.stop()) continue;
            if (AMOUNT_NOUNS.contains(t.raw())) {
                List<Measure> sums = c.measures().stream().filter(ms -> ms.type() == MeasureType.SUM && ms.info().certified()
                        && ms.filters().isEmpty() && ms.format() == io.clarion.catalog.model.Format.CURRENCY && ms.sql() != null).toList();
                if (sums.size() == 1) return Optional.of(new Column(sums.get(0).sql().source().strip(), sums.get(0).sql().source().strip(), k));
            }
            List<io.clarion.catalog.model.Dimension> named = new ArrayList<>();
            for (io.clarion.catalog.model.Dimension d : c.dimensions()) {
                if (d.type() != io.clarion.catalog.model.DimensionType.NUMBER || d.primaryKey() || !d.info().certified()
                        || d.name().endsWith("_id")) continue;
                for (String part : d.name().split("_")) {
                    if (part.equals(t.raw()) || io.clarion.agent.language.Text.stem(part).equals(t.stem())) {
                        named.add(d);
                        break;
                    }
                }
            }
            if (named.size() == 1) {
                io.clarion.catalog.model.Dimension d = named.get(0);
                return Optional.of(new Column(d.sql() == null ? d.name() : d.sql().source().strip(), d.name(), k));
            }
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern EQUALS = java.util.regex.Pattern.compile("^\\{CUBE}\\.(\\w+)\\s*=\\s*'([^']*)'$");

    /**
     * "how many days on average to reach first value": of the measures of the asked type, the one
     * declared for exactly the value the question filters on (a stage = 'first_value' filter built
     * in) and described in words the mention says ("days"), over one that merely shares its words.
     */
    private static Optional<Member> filteredTwin(Reading rd, Slot s, MeasureType type, List<io.clarion.query.MetricQuery.Filter> filters) {
        Set<String> said = new java.util.HashSet<>();
        for (int p : s.mention().positions()) {
            if (!rd.tokens.get(p).stop() && !ALWAYS.containsKey(rd.tokens.get(p).raw())) said.add(rd.tokens.get(p).stem());
        }
        for (Cube c : rd.ctx.catalog().cubes().values()) {
            for (Measure ms : c.measures()) {
                if (ms.type() != type || !ms.info().certified() || ms.filters().size() != 1 || s.order().get(0).equals(ms)) continue;
                java.util.regex.Matcher eq = EQUALS.matcher(ms.filters().get(0).source().strip());
                if (!eq.matches()) continue;
                boolean asked = filters.stream().anyMatch(f -> f.value() != null && eq.group(2).equals(f.value().asText())
                        && c.dimensions().stream().anyMatch(d -> d.fullName().equals(f.dimension())
                        && (d.name().equals(eq.group(1)) || d.sql() != null && d.sql().source().strip().equals(eq.group(1)))));
                if (!asked) continue;
                String words = ms.name().replace('_', ' ') + " " + ms.info().description() + " " + String.join(" ", ms.info().synonyms());
                if (io.clarion.agent.language.Text.contentStems(words).stream().anyMatch(said::contains)) return Optional.of(ms);
            }
        }
        return Optional.empty();
    }

    /**
     * "the mean NPS score": members of the asked type whose name or a synonym, without its
     * aggregation word ("average NPS score", "avg_score"), is what the mention says.
     */
    private static List<Member> namedWithout(Reading rd, Slot s, MeasureType type) {
        Set<String> said = new java.util.HashSet<>();
        for (int p : s.mention().positions()) if (!rd.tokens.get(p).stop()) said.add(rd.tokens.get(p).stem());
        List<Member> out = new ArrayList<>();
        if (said.isEmpty()) return out;
        List<Member> members = new ArrayList<>(rd.ctx.catalog().metrics().values());
        for (Cube c : rd.ctx.catalog().cubes().values()) members.addAll(c.measures());
        for (Member m : members) {
            if (!m.info().certified() || typeOf(m, rd.ctx.catalog()).filter(type::equals).isEmpty()) continue;
            List<String> phrases = new ArrayList<>(m.info().synonyms());
            phrases.add(m.name().replace('_', ' '));
            for (String ph : phrases) {
                Set<String> stems = new java.util.HashSet<>();
                boolean aggregate = false;
                for (io.clarion.agent.language.Text.Token t : io.clarion.agent.language.Text.tokens(ph)) {
                    if (ALWAYS.get(t.raw()) == type) aggregate = true;
                    else if (!t.stop()) stems.add(t.stem());
                }
                if (aggregate && stems.equals(said)) {
                    out.add(m);
                    break;
                }
            }
        }
        return out;
    }

    /** The certified measure of this type over the column a measure of another type reads, on the same table. */
    static Optional<Measure> sameColumn(Reading rd, Measure other, MeasureType type) {
        if (other.sql() == null || !other.filters().isEmpty()) return Optional.empty();
        String col = other.sql().source().strip();
        return rd.ctx.catalog().cube(other.cube()).flatMap(c -> c.measures().stream()
                .filter(ms -> ms.type() == type && ms.info().certified() && ms.filters().isEmpty() && ms.sql() != null
                        && ms.sql().source().strip().equals(col))
                .findFirst());
    }

    /** The measures over a column, by type, as named in an answer ("customers.avg_seats (average)"). */
    static String othersOver(Cube c, String col, String name, MeasureType asked) {
        List<String> out = new ArrayList<>();
        for (Measure ms : c.measures()) {
            if (ms.type() == asked || !ms.info().certified() || !reads(ms, col, name)) continue;
            out.add(ms.fullName() + " (" + said(ms.type()) + ")");
        }
        return String.join(", ", out);
    }

    static String said(MeasureType t) {
        return switch (t) {
            case AVG -> "average";
            case MAX -> "maximum";
            case MIN -> "minimum";
            case SUM -> "total";
            default -> t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static Map<String, MeasureType> read(String field) {
        Map<String, MeasureType> out = new HashMap<>();
        JsonNode node = PhraseBook.root().path(field);
        node.fields().forEachRemaining(e -> {
            MeasureType t = MeasureType.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            e.getValue().forEach(w -> out.put(w.asText().toLowerCase(Locale.ROOT), t));
        });
        return Map.copyOf(out);
    }
}
