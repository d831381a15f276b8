package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.agent.language.DatePhrases;
import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Roles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "accounts that walked away", "members who ended their subscription", "which region sheds
 * the most accounts": people say a customer left in many verbs, and a catalog names leaving in one
 * word of its own (its churn date, {@code meta: {role: churn_date}}). Such a verb, said of the
 * catalog's customers, is read as that word, so the rest of the reader treats it exactly as if the
 * catalog's word had been used (metric, segment, which date a period applies to). The reading is
 * stated as an assumption. Without a declared churn date, or when the verb is not said of
 * customers ("did sales fall", "orders cancelled"), the words stay as they were.
 */
final class LeavingVerbs {
    private static final JsonNode PHRASES = PhraseBook.root().path("leaving");
    private static final List<List<String>> INTRANSITIVE = phrases("intransitive");
    private static final Set<String> TRANSITIVE = set("transitive");
    private static final Set<String> OBJECTS = set("objects");
    private static final Set<String> POSSESSIVES = set("possessives");
    private static final Set<String> BEFORE_OBJECT = set("before_customers");
    private static final Set<String> PLACE_PREPOSITIONS = set("place_prepositions");
    private static final Set<String> DATE_OPENERS = set("date_openers");
    private static final Set<String> CLAUSE_OPENERS = PhraseBook.words("clause_openers");
    /** Words of a date member's name that say it is a date, not what happened then. */
    private static final Set<String> DATE_WORDS = Set.of("date", "at", "on", "time", "timestamp", "day", "dt", "ts", "when");
    private static final Set<String> CLAUSE_ENDS = Set.of("and", "but", "or", "then");

    private LeavingVerbs() {
    }

    /** "cancelled", "dropped": one word that says something left, whatever it is said of. */
    static boolean oneWordVerb(String raw) {
        return INTRANSITIVE.contains(List.of(raw)) || TRANSITIVE.contains(raw);
    }

    /**
     * The question's words with each leaving verb said of customers replaced by the catalog's
     * own word for leaving; each replacement is added to {@code assumptions}.
     */
    static List<Text.Token> reword(List<Text.Token> tokens, Catalog catalog, Lexicon lexicon, List<String> assumptions) {
        Optional<String> word = leavingWord(catalog, lexicon);
        if (word.isEmpty() || tokens.isEmpty()) return tokens;
        Set<String> customers = customerStems(catalog, lexicon);
        if (customers.isEmpty()) return tokens;
        Text.Token replacement = new Text.Token(word.get(), Text.stem(word.get()), false);
        List<Text.Token> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int end = leavingAt(tokens, i, customers);
            if (end < 0) {
                out.add(tokens.get(i++));
                continue;
            }
            List<String> said = new ArrayList<>();
            for (int k = i; k < end; k++) said.add(tokens.get(k).raw());
            if (!said.get(0).equals(word.get())) {
                assumptions.add("Read \"" + String.join(" ", said) + "\" as customers leaving (\"" + word.get() + "\").");
            }
            out.add(replacement);
            i = end;
        }
        return out;
    }

    /** The end (exclusive) of a leaving verb said of customers starting at {@code i}, or -1. */
    private static int leavingAt(List<Text.Token> t, int i, Set<String> customers) {
        // A verb opening the question or a clause is an instruction ("drop the trials and …"), not a report.
        if (i == 0 || CLAUSE_OPENERS.contains(t.get(i - 1).raw())) return -1;
        for (List<String> p : INTRANSITIVE) {
            if (!matches(t, i, p)) continue;
            if (!customerBefore(t, i, customers) || inAProcess(t, i + p.size())) continue;
            return withObject(t, i + p.size());
        }
        if (TRANSITIVE.contains(t.get(i).raw())) {
            // "which plan sheds the most accounts": the customers are what is lost.
            int k = i + 1;
            while (k < t.size() && k <= i + 3 && (BEFORE_OBJECT.contains(t.get(k).raw()) || t.get(k).raw().matches("\\d+"))) k++;
            if (k < t.size() && customers.contains(t.get(k).stem())) return i + 1;
        }
        return -1;
    }

    /**
     * "where in the funnel do accounts quit", "quit at the trial step": leaving a step of a process (a
     * funnel), not leaving as customers. A period after the verb ("quit in March") keeps
     * the leaving.
     */
    private static boolean inAProcess(List<Text.Token> t, int end) {
        // "where do …", "at which stage do …": the question asks for the place.
        if (t.get(0).raw().equals("where")) return true;
        if (t.size() > 1 && PLACE_PREPOSITIONS.contains(t.get(0).raw()) && Set.of("which", "what").contains(t.get(1).raw())) return true;
        if (end >= t.size() || !PLACE_PREPOSITIONS.contains(t.get(end).raw())) return false;
        int k = end + 1;
        if (k < t.size() && t.get(k).raw().equals("the")) k++;
        if (k >= t.size()) return false;
        String w = t.get(k).raw();
        return !(Character.isDigit(w.charAt(0)) || w.matches("q[1-4]") || DATE_OPENERS.contains(w) || DatePhrases.TIME_WORDS.contains(w));
    }

    /** "ended their subscription": the thing ended is part of the leaving, not a filter of its own. */
    private static int withObject(List<Text.Token> t, int end) {
        int k = end;
        if (k < t.size() && POSSESSIVES.contains(t.get(k).raw())) k++;
        if (k < t.size() && OBJECTS.contains(t.get(k).raw())) return k + 1;
        return end;
    }

    /** A customer word earlier in the same clause: the customers are who left. */
    private static boolean customerBefore(List<Text.Token> t, int i, Set<String> customers) {
        for (int k = i - 1; k >= 0; k--) {
            if (CLAUSE_ENDS.contains(t.get(k).raw())) return false;
            if (customers.contains(t.get(k).stem())) return true;
        }
        return false;
    }

    private static boolean matches(List<Text.Token> t, int i, List<String> phrase) {
        if (i + phrase.size() > t.size()) return false;
        for (int k = 0; k < phrase.size(); k++) if (!t.get(i + k).raw().equals(phrase.get(k))) return false;
        return true;
    }

    /**
     * The catalog's word for leaving: its churn date's name without the words that say it is a
     * date ("churned_date" → "churned", "cancelled_at" → "cancelled"), kept only when the catalog
     * itself names something with it.
     */
    static Optional<String> leavingWord(Catalog catalog, Lexicon lexicon) {
        Optional<String> churn = Roles.of(catalog).get(Roles.CHURN_DATE);
        if (churn.isEmpty()) return Optional.empty();
        Optional<? extends Member> member = catalog.dimension(churn.get());
        if (member.isEmpty()) return Optional.empty();
        List<String> words = new ArrayList<>();
        for (Text.Token tk : Text.tokens(member.get().name())) if (!DATE_WORDS.contains(tk.raw())) words.add(tk.raw());
        if (words.size() != 1) return Optional.empty();
        String w = words.get(0);
        String stem = Text.stem(w);
        for (Lexicon.Entry e : lexicon.entries()) {
            if (e.stems().contains(stem) && !(e.target() instanceof Lexicon.MemberTarget mt && mt.member().fullName().equals(churn.get()))) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** Stems naming the customers: the customer cube's name and the one-word names of its customer count. */
    private static Set<String> customerStems(Catalog catalog, Lexicon lexicon) {
        Set<String> out = new HashSet<>();
        Roles roles = Roles.of(catalog);
        roles.get(Roles.CUSTOMER).flatMap(catalog::cube).map(Cube::name).ifPresent(n -> out.addAll(Text.contentStems(n)));
        Optional<String> count = roles.get(Roles.CUSTOMER_COUNT);
        if (count.isPresent()) {
            for (Lexicon.Entry e : lexicon.entries()) {
                if (e.stems().size() == 1 && e.target() instanceof Lexicon.MemberTarget mt && mt.member().fullName().equals(count.get())) {
                    out.add(e.stems().get(0));
                }
            }
        }
        return out;
    }

    private static List<List<String>> phrases(String field) {
        List<List<String>> out = new ArrayList<>();
        // Tokenized as questions are, so "didn't" meets "didnt".
        PHRASES.path(field).forEach(x -> out.add(Text.tokens(x.asText()).stream().map(Text.Token::raw).toList()));
        // Longest first: "dropped off" before "dropped".
        out.sort((a, b) -> b.size() - a.size());
        return List.copyOf(out);
    }

    private static Set<String> set(String field) {
        Set<String> out = new HashSet<>();
        PHRASES.path(field).forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
