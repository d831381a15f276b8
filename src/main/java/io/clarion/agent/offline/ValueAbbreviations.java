package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short word written in capitals is an abbreviation of a value when it is the value's initials
 * or the start of a short value: "UK" for "United Kingdom", "NA" for "NAM". Written in lower case
 * the same letters are ordinary words ("us", "it"), so only the capitals count, and not in a
 * question written all in capitals.
 */
final class ValueAbbreviations {
    private static final Pattern CAPS = Pattern.compile("\\b[A-Z]{2,3}\\b");

    private ValueAbbreviations() {
    }

    static List<Mention> find(Reading rd) {
        List<Mention> out = new ArrayList<>();
        if (!rd.question.chars().anyMatch(Character::isLowerCase)) return out;
        Matcher m = CAPS.matcher(rd.question);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            int at = -1;
            for (int i = 0; i < rd.tokens.size(); i++) {
                if (!rd.taken[i] && rd.tokens.get(i).raw().equals(word)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) continue;
            String caps = m.group();
            List<Entry> entries = valuesAt(rd, at, v -> abbreviates(caps, v));
            // One value (possibly on several dimensions), or the letters are left unread.
            if (entries.isEmpty() || entries.stream().map(e -> ((ValueTarget) e.target()).value()).distinct().count() > 1) continue;
            rd.taken[at] = true;
            out.add(new Mention(new TreeSet<>(List.of(at)), 1.0, entries));
        }
        return out;
    }

    /** The catalog's values {@code named} accepts, each once, as read by the word at {@code at}. */
    static List<Entry> valuesAt(Reading rd, int at, java.util.function.Predicate<String> named) {
        List<Entry> entries = new ArrayList<>();
        for (Entry e : rd.ctx.lexicon().entries()) {
            if (e.target() instanceof ValueTarget v && named.test(v.value()) && entries.stream().noneMatch(x -> x.target().equals(v))) {
                entries.add(new Entry(List.of(rd.tokens.get(at).stem()), Set.of(rd.tokens.get(at).raw()), v, false, Set.of()));
            }
        }
        return entries;
    }

    static boolean abbreviates(String caps, String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase(caps)) return false; // the value itself: the lexicon reads it
        String[] words = v.split("[\\s_-]+");
        if (words.length == caps.length()) {
            StringBuilder initials = new StringBuilder();
            for (String w : words) if (!w.isEmpty()) initials.append(Character.toUpperCase(w.charAt(0)));
            if (initials.toString().equals(caps)) return true;
        }
        return words.length == 1 && v.length() <= caps.length() + 1 && v.toUpperCase(Locale.ROOT).startsWith(caps)
                && v.equals(v.toUpperCase(Locale.ROOT));
    }
}
