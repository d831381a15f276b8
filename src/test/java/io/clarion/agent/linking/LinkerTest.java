package io.clarion.agent.linking;

import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.engine.QueryService;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The linker on two catalogs nobody wrote it for in particular: the demo (rich synonyms, values
 * read from its warehouse) and the reviewed Chinook catalog (hardly any synonyms, drafted
 * descriptions, values read from the Chinook database). Wordings here are new, not taken from
 * any evaluation set.
 */
class LinkerTest {
    static Linker demo;
    static Linker demoWordsOnly;
    static Linker chinook;
    static Catalog chinookCatalog;

    @BeforeAll
    static void build() {
        QueryService dq = DemoEngine.queries();
        Map<Dimension, List<String>> demoValues = DimensionValues.load(dq);
        demo = new Linker(LinkIndex.build(dq.catalog(), demoValues, m -> m.info().certified(), MiniLmEmbedder.shared()));
        demoWordsOnly = new Linker(LinkIndex.build(dq.catalog(), demoValues, m -> m.info().certified(), Embedder.NONE));

        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        chinookCatalog = r.catalog();
        QueryService cq = new QueryService(chinookCatalog, Datasets.chinook("clarion_chinook_linking"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "linking-test-mask-key");
        chinook = new Linker(LinkIndex.build(chinookCatalog, DimensionValues.load(cq), m -> m.info().certified(),
                MiniLmEmbedder.shared()));
    }

    static String best(Linker l, String span) {
        List<Candidate> cs = l.link(span, 5);
        assertFalse(cs.isEmpty(), "no candidate for \"" + span + "\"");
        return cs.get(0).target().label();
    }

    static void print(Linker l, String span) {
        System.out.println(span + " ->");
        for (Candidate c : l.link(span, 4)) {
            System.out.printf(java.util.Locale.ROOT, "   %.2f (lex %.2f, sem %.2f) %s: %s%n", c.score(), c.lexical(), c.semantic(),
                    c.target().label(), c.reason());
        }
    }

    @Test
    void theModelLoadsFromItsJarAndEmbedsTheCatalog() {
        assertTrue(MiniLmEmbedder.shared().available(), "the embedding model ships in a Maven jar and must load offline");
        assertTrue(demo.index().semantic());
        assertFalse(demoWordsOnly.index().semantic());
    }

    @Test
    void aRoleWordLinksToTheValueOfARelatedTable() {
        // Chinook keeps people's roles as job titles on the employee table; customers reach it through their rep.
        print(chinook, "support agents");
        List<Candidate> cs = chinook.link("support agents", 5);
        Candidate top = cs.get(0);
        assertEquals("employee.title = Sales Support Agent", top.target().label());
        assertTrue(top.reason().contains("Sales Support Agent"), top.reason());
    }

    @Test
    void aValueNamedInAQuestionLinksToItsDimension() {
        print(chinook, "blues");
        assertEquals("genre.name = Blues", best(chinook, "blues"));
        // Both tables that carry the country offer it; either is a reading of the value.
        String country = best(chinook, "portugal");
        assertTrue(country.endsWith("country = Portugal"), country);
        print(demo, "bugs");
        assertEquals("support_tickets.category = bug", best(demo, "bugs"));
    }

    @Test
    void aParaphraseWithNoSharedWordLinksByMeaning() {
        // No word of "singer" is in the Chinook catalog; the model places it nearest "artist".
        print(chinook, "singer");
        Candidate top = chinook.link("singer", 3).get(0);
        assertTrue(top.target().label().startsWith("artist"), top.target().label());
        assertEquals(0.0, top.lexical());
        assertTrue(top.semantic() > 0 && top.reason().contains("close in meaning"), top.reason());
        // "money collected" rewords the demo's "collected revenue": words and meaning agree.
        print(demo, "money collected");
        Candidate money = demo.link("money collected", 3).get(0);
        assertTrue(money.target().label().contains("revenue"), money.target().label());
        assertTrue(money.semantic() > 0 && money.lexical() > 0, money.reason());
    }

    @Test
    void aQuestionWordBesideAValueReadsTheValueAndOffersItsDimension() {
        // "how urgent": "urgent" is a priority; "urgency" is the priority's synonym, near in meaning.
        print(demo, "how urgent");
        List<Candidate> cs = demo.link("how urgent", 3);
        assertEquals("support_tickets.priority = urgent", cs.get(0).target().label());
        assertEquals("support_tickets.priority", cs.get(1).target().label());
    }

    @Test
    void withoutTheModelTheWordsStillLink() {
        assertEquals("support_tickets.category = bug", best(demoWordsOnly, "bugs"));
        assertTrue(demoWordsOnly.link("singer", 3).isEmpty(), "meaning alone needs the model");
        Candidate c = demoWordsOnly.link("bugs", 1).get(0);
        assertEquals(0.0, c.semantic());
    }

    @Test
    void aNameAsWrittenRanksAboveWhatMerelySoundsLikeIt() {
        // "customers" is the customer cube's own name; the company column only sounds close.
        print(chinook, "customers");
        List<Candidate> cs = chinook.link("customers", 5);
        assertTrue(cs.get(0).target().label().startsWith("customer"), cs.get(0).target().label());
        assertTrue(cs.get(0).lexical() > 0, "a name as written is lexical evidence");
        for (Candidate c : cs) {
            if (c.lexical() == 0) assertTrue(c.score() < cs.get(0).score(), c.target().label());
        }
    }

    @Test
    void spansOfAQuestionLinkWithoutReachingAcrossBreaks() {
        List<String> words = List.of("blues", "tracks", "bought", "by", "customers", "in", "portugal");
        List<SpanLink> spans = chinook.spans(words, 0.6);
        spans.forEach(s -> System.out.println(s.text() + " -> " + s.best().target().label() + " " + s.best().score()));
        assertTrue(spans.stream().anyMatch(s -> s.text().equals("blues") && s.best().target().label().equals("genre.name = Blues")), spans.toString());
        assertTrue(spans.stream().anyMatch(s -> s.text().equals("portugal") && s.best().target().label().endsWith("country = Portugal")), spans.toString());
        for (SpanLink s : spans) assertFalse(s.text().contains(" by "), "no span reaches across \"by\": " + s.text());
    }

    @Test
    void draftedDescriptionsGiveValuesAndLoseTheirPlaceholders() {
        String d = "TODO: describe title. Values when drafted: Sales Support Agent (3), IT Staff (2), General Manager (1), ....";
        assertEquals(List.of("Sales Support Agent", "IT Staff", "General Manager"), LinkIndex.draftedValues(d));
        assertEquals("", LinkIndex.description(d));
        assertEquals("A music genre.", LinkIndex.description("A music genre."));
    }
}
