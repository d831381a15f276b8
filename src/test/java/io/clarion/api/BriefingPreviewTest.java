package io.clarion.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.briefing.BriefingPreview;
import io.clarion.briefing.BriefingRenderer;
import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackPage;
import io.clarion.testing.BriefingApp;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin previewing an owner's briefing sees it as the owner would, marked as a preview: the
 * subject starts with "[Preview] " and a note opens the email, the text and the Slack message,
 * whether or not the cycle is stored. Its feedback links are the owner's working ones (the web
 * app's briefing review opens them), the same as in the email the owner is sent, which carries no
 * preview marks.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class BriefingPreviewTest {
    static final String SKILL = "weekly-retention-risk";
    static final LocalDate CYCLE = LocalDate.of(2026, 6, 15);
    static final String OWNER = "own_001";
    static final Pattern FEEDBACK_LINK = Pattern.compile("https://clarion\\.test/feedback/[A-Za-z0-9._~%-]+");
    static BriefingApp app;
    static Briefings briefings;

    @BeforeAll
    static void start() {
        TestDatabase.freshDatabase("briefing_preview");
        app = BriefingApp.start(Map.of("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl(),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl("briefing_preview"), "clarion.demo.load", "false",
                "clarion.public-url", "https://clarion.test"));
        briefings = app.briefings();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static BriefingResource asAdmin() {
        return BriefingApis.asAdmin(app);
    }

    static List<String> links(String body) {
        Matcher m = FEEDBACK_LINK.matcher(body);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Each link opens the feedback page of one of the owner's accounts, as the owner. */
    static void assertTheOwnersWorkingLinks(List<String> links) {
        assertFalse(links.isEmpty(), "the accounts show where feedback goes");
        for (String link : links) {
            FeedbackLinks.Verified v = briefings.links().verify(link.substring(link.lastIndexOf('/') + 1));
            assertTrue(v instanceof FeedbackLinks.Verified.Valid, link + ": " + v);
            assertEquals(OWNER, ((FeedbackLinks.Verified.Valid) v).target().ownerId(), link);
        }
    }

    static FeedbackLinks.LinkTarget target(String link) {
        FeedbackLinks.Verified v = briefings.links().verify(link.substring(link.lastIndexOf('/') + 1));
        assertTrue(v instanceof FeedbackLinks.Verified.Valid, link + ": " + v);
        return ((FeedbackLinks.Verified.Valid) v).target();
    }

    static void assertMarkedWithTheOwnersLinks(BriefingPreview html, BriefingPreview text, BriefingPreview slack) throws Exception {
        for (BriefingPreview p : List.of(html, text, slack)) {
            assertTrue(p.subject().startsWith("[Preview] Retention risk, "), p.subject());
        }
        String body = html.body();
        int bodyTag = body.indexOf("<body");
        int note = body.indexOf("role=\"note\"");
        assertTrue(bodyTag >= 0 && note > bodyTag && body.indexOf(BriefingRenderer.PREVIEW_NOTE) > note,
                "the note opens the email's body: " + body.substring(0, Math.min(900, body.length())));
        assertTrue(body.contains("<title>[Preview] "), "the title says so too");
        assertTheOwnersWorkingLinks(links(body));
        assertTrue(text.body().startsWith(BriefingRenderer.PREVIEW_NOTE), text.body().substring(0, 200));
        assertTheOwnersWorkingLinks(links(text.body()));
        JsonNode blocks = new ObjectMapper().readTree(slack.body());
        assertEquals("context", blocks.get(0).get("type").asText(), slack.body());
        assertTrue(blocks.get(0).toString().contains("Preview"), blocks.get(0).toString());
        assertTheOwnersWorkingLinks(links(slack.body()));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aDryRunPreviewIsMarkedAndCarriesTheOwnersWorkingLinks() throws Exception {
        BriefingPreview html = asAdmin().dryRunPreview(SKILL, OWNER, CYCLE.toString(), "html");
        // The other renderings of the same dry run (building a cycle takes a while: once is enough).
        BriefingRun.Report dry = briefings.run(SKILL, CYCLE, true).report();
        BriefingPreview text = BriefingPreview.dryRun(briefings, dry, OWNER, BriefingPreview.Render.TEXT);
        BriefingPreview slack = BriefingPreview.dryRun(briefings, dry, OWNER, BriefingPreview.Render.SLACK);
        assertMarkedWithTheOwnersLinks(html, text, slack);
        assertTrue(html.note().startsWith("this cycle is not stored yet"), html.note());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void onceTheCycleIsStoredThePreviewCarriesTheSameWorkingLinksAsTheOwnersEmailButNotItsMarks() throws Exception {
        BriefingRun.Report stored = briefings.run(SKILL, CYCLE, false).report();
        BriefingRun.Built mine = stored.briefings().stream().filter(b -> b.briefing().owner().ownerId().equals(OWNER)).findFirst()
                .orElseThrow();
        assertTrue(mine.id() > 0);
        BriefingResource api = asAdmin();
        BriefingRun.Report dry = briefings.run(SKILL, CYCLE, true).report();
        BriefingPreview html = BriefingPreview.dryRun(briefings, dry, OWNER, BriefingPreview.Render.HTML);
        assertEquals(mine.id(), html.briefingId());
        assertMarkedWithTheOwnersLinks(html, BriefingPreview.dryRun(briefings, dry, OWNER, BriefingPreview.Render.TEXT),
                BriefingPreview.dryRun(briefings, dry, OWNER, BriefingPreview.Render.SLACK));
        assertMarkedWithTheOwnersLinks(api.preview(mine.id(), "html"), api.preview(mine.id(), "text"), api.preview(mine.id(), "slack"));

        // What the owner is sent: no preview marks, and a signed link per account that opens its feedback page.
        BriefingRenderer.Rendered sent = briefings.renderer().render(mine.id(), mine.briefing(), briefings.spec(SKILL).templates());
        assertFalse(sent.subject().startsWith("[Preview]"), sent.subject());
        assertFalse(sent.html().contains(BriefingRenderer.PREVIEW_NOTE));
        String live = briefings.links().url(mine.id(), mine.briefing().accounts().get(0).scored().customerId(), OWNER);
        // Links carry their expiry in seconds, so two renderings a second apart differ in text: the
        // preview must open the same feedback page as the owner, whenever it was rendered.
        FeedbackLinks.LinkTarget target = target(live);
        assertTrue(links(html.body()).stream().anyMatch(l -> target(l).equals(target)),
                "the preview carries a working link to the same page: " + target);
        assertTrue(links(sent.html()).stream().anyMatch(l -> target(l).equals(target)),
                "the owner's email carries a working link to that page");
        FeedbackPage page = new FeedbackPage(briefings.links(), briefings.feedback(), briefings.templates());
        assertNotNull(page.show(live.substring(live.lastIndexOf('/') + 1)).html());
        assertEquals(200, page.show(live.substring(live.lastIndexOf('/') + 1)).status());
    }
}
