package io.clarion.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged server on one PostgreSQL, the weekly skill rescheduled to fire
 * every two seconds: each firing runs on one instance only, the second carries on when the first
 * stops, and each owner gets one email.
 */
class ClusterIT {
    static final Pattern FIRED = Pattern.compile("scheduled run of weekly-retention-risk for (\\S+) on ");
    static GreenMail smtp;
    static WireMockServer slack;
    static io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(ClarionProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(ClarionProcess.WORK.resolve("cluster-pg")))
                .setCleanDataDirectory(true).start();
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        slack.stubFor(post(urlEqualTo("/chat.postMessage"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"ts\":\"1.0\"}")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) pg.close();
        if (slack != null) slack.stop();
        if (smtp != null) smtp.stop();
    }

    @Test
    void twoInstancesNeverRunTheSameFiringOrSendTheSameBriefingTwice() throws Exception {
        Path skills = Files.createDirectories(ClarionProcess.WORK.resolve("cluster-skills"));
        try (var files = Files.list(ClarionProcess.PROJECT.resolve("skills"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                Files.writeString(skills.resolve(f.getFileName()), Files.readString(f).replace("cron: \"0 0 7 ? * MON\"", "cron: \"0/2 * * * * ?\""));
            }
        }
        assertTrue(Files.readString(skills.resolve("weekly-retention-risk.yml")).contains("0/2 * * * * ?"));
        Map<String, String> props = new HashMap<>();
        props.put("clarion.skills.dir", skills.toString());
        props.put("clarion.mail.host", "127.0.0.1");
        props.put("clarion.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        props.put("clarion.slack.bot-token", "xoxb-it");
        props.put("clarion.slack.base-url", slack.baseUrl());

        props.put("clarion.warehouse.jdbc-url", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
        // Both instances keep their state in one store: that is what clusters their schedulers.
        props.put("clarion.store.jdbc-url", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
        props.put("clarion.demo.load", "true");
        String logA;
        String logB;
        int firedBBeforeStop;
        try (ClarionProcess b = ClarionProcess.start("cluster-b", props)) {
            try (ClarionProcess a = ClarionProcess.start("cluster-a", props)) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline && fired(a.logText()).size() + fired(b.logText()).size() < 4) Thread.sleep(300);
                firedBBeforeStop = fired(b.logText()).size();
                logA = a.logText();
            }
            // The first instance has stopped: the second takes every firing from now on.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline && fired(b.logText()).size() < firedBBeforeStop + 2) Thread.sleep(300);
            logB = b.logText();
        }
        for (String log : List.of(logA, logB)) {
            // Clustered schedulers get an AUTO instance id; a scheduler outside a cluster is "NON_CLUSTERED".
            assertTrue(Pattern.compile("Scheduler clarion_\\$_\\S+ started").matcher(log).find() && !log.contains("NON_CLUSTERED"),
                    "both instances ran a clustered scheduler");
        }
        List<String> firedA = fired(logA);
        List<String> firedB = fired(logB);
        assertTrue(firedA.size() + firedB.size() >= 6, "firings seen: " + firedA + " and " + firedB);
        assertTrue(firedB.size() >= firedBBeforeStop + 2, "the second instance carried on alone: " + firedB);
        Set<String> all = new HashSet<>();
        for (String f : firedA) assertTrue(all.add(f), "fired twice on the first instance: " + f);
        for (String f : firedB) assertTrue(all.add(f), "a firing ran on both instances: " + f);

        Map<String, Integer> perOwner = new HashMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            perOwner.merge(((InternetAddress) mail.getAllRecipients()[0]).getAddress(), 1, Integer::sum);
        }
        assertTrue(perOwner.size() > 5, perOwner.toString());
        assertTrue(perOwner.values().stream().allMatch(n -> n == 1), "one email per owner: " + perOwner);
        System.out.printf("cluster: %d firings on one instance, %d on the other (%d of them after the first stopped), none on both; %d owners emailed once%n",
                firedA.size(), firedB.size(), firedB.size() - firedBBeforeStop, perOwner.size());
    }

    static List<String> fired(String log) {
        List<String> out = new ArrayList<>();
        Matcher m = FIRED.matcher(log);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
