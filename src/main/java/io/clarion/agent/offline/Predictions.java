package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A leaving said as a prediction ("at risk of churning", "likely to cancel", "may drop off") is not
 * the customers who left: their churn date is still empty. It reads as the catalog's own risk (a
 * value or segment whose name says "risk", such as a health band), said as an assumption, and
 * never as the churned segment or a churn rate. Without such a value the words are left unread,
 * so the answer says they were not used. The phrases are data ({@code agent/phrases.yml}).
 */
final class Predictions {
    private static final JsonNode PHRASES = PhraseBook.root().path("prediction");
    private static final Pattern PREDICTED = Pattern.compile("\\b(" + alternatives(PHRASES.path("cues")) + ") (?:\\w+ )?("
            + alternatives(PHRASES.path("verbs")) + ")\\b");
    private static final String RISK = PHRASES.path("risk_word").asText("risk");

    private Predictions() {
    }

    /** Marks the predicted leaving read; the catalog's risk value it stands for, when the question does not name one already. */
    static Optional<Mention> find(Reading rd) {
        Matcher m = PREDICTED.matcher(rd.joined);
        if (!m.find()) return Optional.empty();
        int a = rd.tokenAt(m.start()), b = rd.tokenAt(m.end() - 1);
        for (int i = a; i <= b; i++) if (rd.taken[i]) return Optional.empty();
        // The cue as asked ("likely to"): the verb after it may have been reworded to the catalog's own.
        String said = m.group(1) + " …";
        if (m.group(1).contains(RISK)) {
            // "at risk of churning": the risk is named ("at risk", read by the catalog's words); "of churning" only says of what.
            int after = a;
            while (after <= b && !rd.tokens.get(after).raw().equals(RISK)) after++;
            for (int i = after + 1; i <= b; i++) rd.taken[i] = true;
            rd.assumptions.add("Read \"" + said + "\" as a risk, not as customers who have left.");
            return Optional.empty();
        }
        for (int i = a; i <= b; i++) rd.taken[i] = true;
        // What the leaving verb was reworded from is no longer said: the prediction is.
        rd.assumptions.removeIf(x -> x.contains(" as customers leaving ("));
        List<Entry> risks = risks(rd);
        if (risks.size() != 1) {
            rd.assumptions.add("Read \"" + said + "\" as a prediction the catalog does not hold: it is not used, and "
                    + "customers who have already left are not what was asked.");
            return Optional.empty();
        }
        Target t = risks.get(0).target();
        String what = t instanceof ValueTarget v ? v.dimension().fullName() + " = \"" + v.value() + "\""
                : ((io.clarion.agent.linking.Lexicon.MemberTarget) t).member().fullName();
        rd.assumptions.add("Read \"" + said + "\" as " + what + ", the catalog's risk: a prediction, not customers who have left.");
        TreeSet<Integer> at = new TreeSet<>();
        for (int i = a; i <= b; i++) at.add(i);
        return Optional.of(new Mention(at, 1.0, risks));
    }

    /** The catalog's segment named for risk, else its one value that says risk; several or none: none. */
    private static List<Entry> risks(Reading rd) {
        List<Entry> segments = new ArrayList<>(), values = new ArrayList<>();
        for (Entry e : rd.ctx.lexicon().entries()) {
            Target t = e.target();
            if (t instanceof io.clarion.agent.linking.Lexicon.MemberTarget mt && mt.member() instanceof io.clarion.catalog.model.Segment sg
                    && sg.name().toLowerCase(Locale.ROOT).contains(RISK) && segments.stream().noneMatch(x -> x.target().equals(t))) {
                segments.add(new Entry(e.stems(), e.raws(), t, false, java.util.Set.of()));
            }
            if (t instanceof ValueTarget v && v.value().toLowerCase(Locale.ROOT).contains(RISK) && values.stream().noneMatch(x -> x.target().equals(t))) {
                values.add(new Entry(e.stems(), e.raws(), t, false, java.util.Set.of()));
            }
        }
        // "at_risk" over "high_login_risk": the segment that is the risk itself, not one kind of it.
        List<Entry> plain = segments.stream().filter(e -> ((io.clarion.agent.linking.Lexicon.MemberTarget) e.target()).member().name()
                .toLowerCase(Locale.ROOT).replaceFirst("^at[_ -]", "").equals(RISK)).toList();
        if (plain.size() == 1) return plain;
        return segments.size() == 1 ? segments : segments.isEmpty() && values.size() == 1 ? values : List.of();
    }

    private static String alternatives(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(Pattern.quote(x.asText().toLowerCase(Locale.ROOT))));
        out.sort((x, y) -> y.length() - x.length());
        return String.join("|", out);
    }
}
