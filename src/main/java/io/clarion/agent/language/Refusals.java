package io.clarion.agent.language;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Requests a governed analytics agent must not act on, whatever the catalog holds: instructions
 * to change data or privileges, and instructions smuggled into a question. Checked before
 * anything is planned.
 *
 * <p>A change verb alone is not a change: "who is likely to cancel", "customers we removed from
 * the trial" and "accounts that may drop off" are questions about the data. A message is a
 * change only when a clause opens with the verb as an instruction (after openers such as
 * "please" or "can you") and an object follows it, or when it has the shape of a SQL statement
 * or an assignment ("change the owner of X to Y"). An instruction followed by a request for an
 * answer ("drop the trial accounts and count the rest") cuts the answer, not the data, when it
 * names no table and no single record. The word lists are language, not code: they
 * live in {@code agent/phrases.yml}.
 */
public final class Refusals {
    static final String CHANGE_MESSAGE = "I can't change data: I only read it, through certified metrics. Ask me about it instead.";
    static final String INSTRUCTION_MESSAGE = "I can't follow instructions embedded in a question, change anyone's access, "
            + "and I never run SQL or queries I'm handed: I answer only with the certified metrics of the catalog, "
            + "within your access. Ask me a question about your data instead.";

    /** The phrase lists, read once. */
    record Phrases(Set<String> verbs, List<String> openers, Set<String> objects, Set<String> notObjects, List<String> presentation,
                   List<Pattern> statements, List<Pattern> assignments, List<Pattern> privilege,
                   List<String> requests, List<String> informing, Set<String> storedThings, Set<String> benefits) {
        static Phrases load() {
            JsonNode root = PhraseBook.root();
            JsonNode dc = root.path("data_change");
            List<String> openers = strings(dc.path("openers"));
            // Longest first, so "can you" is stripped before "can" would be considered.
            openers.sort(Comparator.comparingInt(String::length).reversed());
            return new Phrases(Set.copyOf(strings(dc.path("verbs"))), openers, Set.copyOf(strings(dc.path("objects"))),
                    Set.copyOf(strings(dc.path("not_objects"))),
                    strings(dc.path("presentation")), patterns(dc.path("statements")), patterns(dc.path("assignments")),
                    patterns(root.path("privilege")), strings(dc.path("requests")), strings(dc.path("informing")),
                    Set.copyOf(strings(dc.path("stored_things"))), Set.copyOf(strings(dc.path("benefits"))));
        }

        private static List<String> strings(JsonNode n) {
            List<String> out = new ArrayList<>();
            n.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
            return out;
        }

        private static List<Pattern> patterns(JsonNode n) {
            // Not lower-cased: "\\S" and "\\s" differ.
            List<Pattern> out = new ArrayList<>();
            n.forEach(x -> out.add(Pattern.compile(x.asText())));
            return out;
        }
    }

    private static final Phrases PHRASES = Phrases.load();
    // A colon closes a clause too: "leave the trials aside: how many …".
    private static final Pattern CLAUSES = Pattern.compile("[.;:!?\\n]+|,\\s*(?:and |then )?|\\s+(?:and then|then|and)\\s+");
    private static final Pattern WORD = Pattern.compile("[a-z0-9_'@.-]+");

    private Refusals() {
    }

    public static Optional<String> check(String question) {
        String q = Text.normalize(question).replace('_', ' ');
        String raw = question.toLowerCase(Locale.ROOT);
        for (Pattern p : PHRASES.privilege()) {
            if (p.matcher(raw).find() || p.matcher(q).find()) return Optional.of(INSTRUCTION_MESSAGE);
        }
        if (isChange(raw)) return Optional.of(CHANGE_MESSAGE);
        return Optional.empty();
    }

    /** True when the message instructs a change of stored data (see the class comment). */
    static boolean isChange(String lower) {
        String[] clauses = CLAUSES.split(lower);
        for (int i = 0; i < clauses.length; i++) {
            String c = stripOpeners(clauses[i].strip().replaceAll("\\s+", " "));
            if (c.isEmpty()) continue;
            for (Pattern p : PHRASES.statements()) if (p.matcher(c).find()) return true;
            if (aboutTheAnswer(c) || informing(c)) continue;
            for (Pattern p : PHRASES.assignments()) if (p.matcher(c).find()) return true;
            List<String> words = words(c);
            if (words.size() < 2) continue;
            // "drop-off" is one word, a noun: not the verb "drop".
            if (!PHRASES.verbs().contains(words.get(0))) continue;
            String next = words.get(1);
            if (PHRASES.notObjects().contains(next)) continue;
            // "offer a rebate to accounts that …": something given to customers, not a change of stored data.
            if (words.subList(1, Math.min(words.size(), 5)).stream().anyMatch(PHRASES.benefits()::contains)) continue;
            // "remove the trial accounts and show revenue by plan": a cut of the answer asked for next,
            // not a change, as long as it names no table and no single record.
            if (askedForAfter(clauses, i) && namesNoStoredThing(words)) continue;
            // The message opening with the verb is an instruction ("cancel subscriptions of inactive
            // accounts"). After "and" or a comma the verb may belong to a question ("signed up and
            // cancel within 30 days"): there it needs an object ("delete the account").
            if (i == 0 || PHRASES.objects().contains(next) || next.matches(".*\\d.*") || next.contains("_")) return true;
        }
        return false;
    }

    private static List<String> words(String clause) {
        List<String> words = new ArrayList<>();
        var m = WORD.matcher(clause);
        while (m.find()) words.add(m.group());
        return words;
    }

    /** A later clause asks for an answer ("… and show …", "…, then count …", "…, but what was …"). */
    private static boolean askedForAfter(String[] clauses, int i) {
        for (int k = i + 1; k < clauses.length; k++) {
            String c = stripOpeners(clauses[k].strip().replaceAll("\\s+", " "));
            for (String r : PHRASES.requests()) if (c.equals(r) || c.startsWith(r + " ")) return true;
        }
        return false;
    }

    /** No table, schema or database, and no record id or number: a group of rows, not a stored thing. */
    private static boolean namesNoStoredThing(List<String> words) {
        for (String w : words) {
            if (PHRASES.storedThings().contains(w) || w.matches(".*\\d.*") || w.contains("_") || w.contains("@")) return false;
        }
        return true;
    }

    /** "update me on …", "keep us posted": a request to be told, not to change anything. */
    private static boolean informing(String clause) {
        for (String r : PHRASES.informing()) if (clause.equals(r) || clause.startsWith(r + " ")) return true;
        return false;
    }

    private static String stripOpeners(String clause) {
        String c = clause;
        boolean again = true;
        while (again) {
            again = false;
            for (String o : PHRASES.openers()) {
                if (c.equals(o)) return "";
                if (c.startsWith(o + " ")) {
                    c = c.substring(o.length() + 1).strip();
                    again = true;
                    break;
                }
            }
        }
        return c;
    }

    /** "remove the region filter", "delete churned accounts from the list": edits of the answer shown. */
    private static boolean aboutTheAnswer(String clause) {
        for (String w : PHRASES.presentation()) {
            if (Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(clause).find()) return true;
        }
        return false;
    }
}
