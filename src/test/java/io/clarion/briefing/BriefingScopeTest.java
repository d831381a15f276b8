package io.clarion.briefing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clarion.engine.Engine;
import io.clarion.governance.policy.Access;
import io.clarion.testing.BriefingApp;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every owner's briefing of a cycle on the demo data set, rendered as they receive it (email HTML
 * and text, Slack, the API's JSON), holds no customer id or name outside that owner's scope, and
 * none of the business-wide what-changed figures.
 */
class BriefingScopeTest {
    static final String SKILL = "weekly-retention-risk";
    static final LocalDate CYCLE = LocalDate.of(2026, 6, 15);
    static final Pattern CUSTOMER_ID = Pattern.compile("cus_\\d+");
    static BriefingApp app;
    static Engine engine;
    static Briefings briefings;

    @BeforeAll
    static void start() {
        // The test database's own app store: never the user's home.
        app = BriefingApp.start(Map.of("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl(),
                "clarion.store.jdbc-url", TestDatabase.demoJdbcUrl(), "clarion.demo.load", "false",
                "clarion.public-url", "https://clarion.test"));
        engine = app.engine();
        briefings = app.briefings();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    record Customer(String id, String name, String ownerId) {
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void noBriefingShowsAnythingOutsideItsOwnersScope() throws Exception {
        List<Customer> customers = new ArrayList<>();
        try (Connection c = engine.warehouse().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_id, customer_name, owner_id FROM customers")) {
            while (rs.next()) customers.add(new Customer(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
        Map<String, Customer> byId = new HashMap<>();
        customers.forEach(x -> byId.put(x.id(), x));

        BriefingRun.Report report = briefings.run(SKILL, CYCLE, true).report();
        List<OwnerBriefing> all = report.briefings().stream().map(BriefingRun.Built::briefing).toList();
        assertTrue(all.size() > 10, "the demo data set gives many owners a briefing: " + all.size());

        // The business-wide what-changed sentences carry company totals an owner's own queries cannot reach.
        var spec = briefings.skills().stream().filter(s -> s.kind() == io.clarion.briefing.skill.Skill.Kind.WHAT_CHANGED)
                .findFirst().flatMap(io.clarion.briefing.skill.Skill::whatChangedSpec).orElseThrow();
        List<String> companyWide = new io.clarion.briefing.change.WhatChangedAnalysis(engine.queries().as(Access.FULL.withoutPii())
                .withReferenceDate(CYCLE)).analyse(spec, CYCLE).metrics().stream().map(io.clarion.briefing.change.MetricChange::sentence).toList();
        assertTrue(!companyWide.isEmpty());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("no owner")), "the demo has flagged accounts without an owner: "
                + report.notes());

        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        BriefingRenderer.TemplateNames names = briefings.spec(SKILL).templates();
        int leakedCustomers = 0;
        int leakedFigures = 0;
        Set<String> ownersLeaking = new HashSet<>();
        List<String> examples = new ArrayList<>();
        for (OwnerBriefing b : all) {
            String owner = b.owner().ownerId();
            Set<String> mineNames = new HashSet<>();
            customers.stream().filter(x -> owner.equals(x.ownerId())).forEach(x -> mineNames.add(x.name()));
            BriefingRenderer.Rendered r = briefings.renderer().render(1, b, names);
            String text = String.join("\n", r.subject(), r.html(), r.text(), r.slackText(), r.slackBlocks(), json.writeValueAsString(b));
            Set<String> seen = new HashSet<>();
            Matcher m = CUSTOMER_ID.matcher(text);
            while (m.find()) {
                Customer x = byId.get(m.group());
                if (x != null && !owner.equals(x.ownerId()) && seen.add(x.id())) {
                    leakedCustomers++;
                    ownersLeaking.add(owner);
                    if (examples.size() < 5) examples.add(owner + " sees " + x.id() + " of " + x.ownerId());
                }
            }
            for (Customer x : customers) {
                if (owner.equals(x.ownerId()) || seen.contains(x.id()) || x.name().length() < 6) continue;
                // A name inside one of the owner's own customers' names ("Acme" in "Acme Labs") is theirs to see.
                if (mineNames.stream().anyMatch(n -> n.contains(x.name()))) continue;
                if (text.contains(x.name()) || text.contains(html(x.name()))) {
                    seen.add(x.id());
                    leakedCustomers++;
                    ownersLeaking.add(owner);
                    if (examples.size() < 5) examples.add(owner + " sees the name " + x.name() + " of " + x.ownerId());
                }
            }
            // The operator's notes on the whole business (unowned accounts and their count) are the run report's alone.
            for (String note : report.notes()) {
                if (text.contains(note)) {
                    leakedFigures++;
                    ownersLeaking.add(owner);
                    if (examples.size() < 5) examples.add(owner + " sees the operator's note \"" + note + "\"");
                }
            }
            for (String sentence : companyWide) {
                if (b.whatChanged().contains(sentence)) {
                    leakedFigures++;
                    ownersLeaking.add(owner);
                    if (examples.size() < 5) examples.add(owner + " sees the company-wide \"" + sentence + "\"");
                }
            }
        }
        System.out.printf("briefing scope: %d owner briefings; %d other owners' or unowned customers and %d company-wide "
                + "what-changed sentences or operator notes shown, in %d briefings%n", all.size(), leakedCustomers, leakedFigures, ownersLeaking.size());
        assertEquals(0, leakedCustomers + leakedFigures, examples.toString());
    }
}
