package io.clarion.agent.linking;

import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lexicon tries a question only against the phrases whose first word it contains; a phrase
 * is still found where its first word comes later in the question (a two-word name read the
 * other way round), past a word in between, or as a value of several words. On the Chinook
 * catalog, with values given here.
 */
class LexiconTest {
    static Catalog chinook() {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        return r.catalog();
    }

    static List<Mention> find(Lexicon lexicon, String question) {
        List<Text.Token> tokens = Text.tokens(question);
        return lexicon.find(tokens, new boolean[tokens.size()]);
    }

    static Mention at(List<Mention> found, List<Text.Token> tokens, String word) {
        for (Mention m : found) for (int p : m.positions()) if (tokens.get(p).raw().equals(word)) return m;
        throw new AssertionError("nothing found at \"" + word + "\": " + found);
    }

    @Test
    void phrasesAreFoundWhereverTheirFirstWordStands() {
        Catalog c = chinook();
        Dimension country = c.dimension("invoice.billing_country").orElseThrow();
        Lexicon lexicon = Lexicon.of(c, Map.of(country, List.of("United Kingdom", "Czech Republic", "Chile")), m -> m.info().certified());

        String q = "sum total of purchases from czech republic buyers, by billing country";
        List<Text.Token> tokens = Text.tokens(q);
        List<Mention> found = find(lexicon, q);
        // "sum total" is invoice.total_sum read the other way round: its first stem is the second word.
        Mention swapped = at(found, tokens, "sum");
        assertTrue(swapped.targets().contains(new MemberTarget(c.measure("invoice.total_sum").orElseThrow())), swapped.toString());
        assertEquals(new TreeSet<>(List.of(0, 1)), swapped.positions());
        Mention value = at(found, tokens, "czech");
        assertEquals(List.of(new ValueTarget(country, "Czech Republic")), value.targets());
        assertTrue(at(found, tokens, "billing").targets().contains(new MemberTarget(country)));

        // A value whose first word is not in the question is not found, nor is one never given.
        List<Mention> none = find(lexicon, "purchases from the kingdom of bohemia");
        assertTrue(none.stream().noneMatch(m -> m.targets().stream().anyMatch(t -> t instanceof ValueTarget)), none.toString());
    }

    @Test
    void aLexiconWithoutSomeTargetsFindsOnlyTheRest() {
        Catalog c = chinook();
        Dimension country = c.dimension("invoice.billing_country").orElseThrow();
        Lexicon lexicon = Lexicon.of(c, Map.of(country, List.of("Chile", "Canada")), m -> m.info().certified())
                .without(t -> t instanceof ValueTarget v && v.value().equals("Chile"));
        List<Mention> found = find(lexicon, "revenue from chile and canada");
        List<Object> values = found.stream().flatMap(m -> m.targets().stream()).filter(t -> t instanceof ValueTarget).map(Object.class::cast).toList();
        assertEquals(List.of(new ValueTarget(country, "Canada")), values);
    }

    /** "Alternative & Punk" is said with "and": the word joins the value's words instead of splitting them. */
    @Test
    void anAmpersandInAValueIsSaidAsAnd() {
        Catalog c = chinook();
        Dimension genre = c.dimension("genre.name").orElseThrow();
        Lexicon lexicon = Lexicon.of(c, Map.of(genre, List.of("Alternative", "Alternative & Punk", "Metal")), m -> m.info().certified());
        String q = "tracks in the alternative and punk genre";
        Mention m = at(find(lexicon, q), Text.tokens(q), "punk");
        assertEquals(List.of(new ValueTarget(genre, "Alternative & Punk")), m.targets());
        assertTrue(m.positions().contains(3), m.toString());

        CatalogLoader.LoadResult demo = CatalogLoader.load(DemoEngine.projectDir().resolve("semantic"));
        Dimension industry = demo.catalog().dimension("customers.industry").orElseThrow();
        Lexicon d = Lexicon.of(demo.catalog(), Map.of(industry, List.of("media & entertainment", "media")), x -> x.info().certified());
        String dq = "accounts in media and entertainment";
        assertEquals(List.of(new ValueTarget(industry, "media & entertainment")), at(find(d, dq), Text.tokens(dq), "entertainment").targets());
    }
}
