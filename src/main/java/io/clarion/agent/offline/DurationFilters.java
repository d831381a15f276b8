package io.clarion.agent.offline;

import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "tracks longer than 5 minutes", "tickets that took more than 2 days to resolve": a number with
 * a unit of time compares each row's stored duration, in the unit the column is named by
 * ("milliseconds", "resolution_hours"), so the number is converted to that unit. The column is
 * the duration column the question's words point to most (its table's name or synonyms, then
 * each other word of its own names); when two point equally, none is guessed and the number stays
 * unused, said as such.
 */
final class DurationFilters {
    /** Seconds in each unit a question or a column name may use. */
    private static final Map<String, Double> SECONDS = Map.ofEntries(
            Map.entry("millisecond", 0.001), Map.entry("milliseconds", 0.001), Map.entry("millis", 0.001), Map.entry("ms", 0.001),
            Map.entry("second", 1.0), Map.entry("seconds", 1.0), Map.entry("sec", 1.0), Map.entry("secs", 1.0),
            Map.entry("minute", 60.0), Map.entry("minutes", 60.0), Map.entry("min", 60.0), Map.entry("mins", 60.0),
            Map.entry("hour", 3600.0), Map.entry("hours", 3600.0), Map.entry("hr", 3600.0), Map.entry("hrs", 3600.0),
            Map.entry("day", 86400.0), Map.entry("days", 86400.0), Map.entry("week", 604800.0), Map.entry("weeks", 604800.0));

    private record Duration(Dimension column, double seconds) {
    }

    private DurationFilters() {
    }

    /** The column compared, as a mention at the unit's word, with the comparison's number converted to the column's unit. */
    static Optional<Mention> find(Reading rd) {
        for (int k = 0; k < rd.comparisons.size(); k++) {
            Cmp c = rd.comparisons.get(k);
            int u = c.end + 1;
            if (c.attached || u >= rd.tokens.size() || rd.taken[u] || c.op.equals("between") && c.values.size() != 2) continue;
            Double said = SECONDS.get(rd.tokens.get(u).raw());
            if (said == null) continue;
            Optional<Duration> d = column(rd, u);
            if (d.isEmpty()) continue;
            double factor = said / d.get().seconds();
            Cmp converted = new Cmp(c.op, c.values.stream().map(v -> v * factor).toList(), c.start, c.end);
            rd.comparisons.set(k, converted);
            rd.taken[u] = true;
            if (factor != 1.0) {
                rd.assumptions.add(String.format(Locale.ROOT, "Read \"%s %s\" as %s in its own unit: %s.", number(c.values.get(0)),
                        rd.tokens.get(u).raw(), d.get().column().fullName(), number(converted.values.get(0))));
            }
            Mention m = Mention.settled(List.of(u), d.get().column());
            converted.owner = m;
            return Optional.of(m);
        }
        return Optional.empty();
    }

    /** The one duration column the question's words point to most. */
    private static Optional<Duration> column(Reading rd, int unitAt) {
        Set<String> asked = new HashSet<>();
        for (int i = 0; i < rd.tokens.size(); i++) {
            if (i != unitAt && !rd.tokens.get(i).stop()) asked.add(rd.tokens.get(i).stem());
        }
        Duration best = null;
        int bestScore = 0;
        boolean tie = false;
        for (Cube cube : rd.ctx.catalog().cubes().values()) {
            for (Dimension d : cube.dimensions()) {
                if (d.type() != DimensionType.NUMBER || d.primaryKey()) continue;
                Double unit = unitOf(d.name());
                if (unit == null) continue;
                Set<String> table = matched(asked, List.of(cube.name().replace('_', ' ')), cube.info().synonyms(), Set.of());
                int score = (table.isEmpty() ? 0 : 1) + matched(asked, List.of(d.name().replace('_', ' ')), d.info().synonyms(), table).size();
                if (score > bestScore) {
                    best = new Duration(d, unit);
                    bestScore = score;
                    tie = false;
                } else if (score == bestScore && score > 0) {
                    tie = true;
                }
            }
        }
        return tie || best == null ? Optional.empty() : Optional.of(best);
    }

    /** The unit a column's name ends in or is ("milliseconds", "resolution_hours", "duration_secs"), or null. */
    static Double unitOf(String name) {
        String[] parts = name.toLowerCase(Locale.ROOT).split("_");
        for (String p : parts) {
            Double s = SECONDS.get(p);
            if (s != null) return s;
        }
        return null;
    }

    /** The asked words (stems, other than units and {@code besides}) the names or synonyms use. */
    private static Set<String> matched(Set<String> asked, List<String> names, List<String> synonyms, Set<String> besides) {
        List<String> all = new ArrayList<>(names);
        all.addAll(synonyms);
        Set<String> found = new HashSet<>();
        for (String phrase : all) {
            for (Text.Token t : Text.tokens(phrase.toLowerCase(Locale.ROOT))) {
                if (!t.stop() && !SECONDS.containsKey(t.raw()) && asked.contains(t.stem()) && !besides.contains(t.stem())) found.add(t.stem());
            }
        }
        return found;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
