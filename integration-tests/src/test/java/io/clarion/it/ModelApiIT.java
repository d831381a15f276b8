package io.clarion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.clarion.it.ClarionProcess.ADMIN;
import static io.clarion.it.ClarionProcess.ANALYST;
import static io.clarion.it.ClarionProcess.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A risk skill's model status over HTTP on the packaged server: the JSON an operator reads before
 * and after a training run by the command line beside the server, and the statuses others get.
 */
class ModelApiIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "/api/v1/briefings/weekly-retention-risk/model";
    static final Pattern STACK = Pattern.compile("\\bat [a-z]+\\.[a-zA-Z.$]+\\(|Exception|SQLState|org\\.postgresql");
    static ClarionProcess app;
    static Path skills;

    @BeforeAll
    static void start() throws Exception {
        // The shipped skills, the retention model with fewer and sparser origins: the same features and label, a shorter training.
        skills = ClarionProcess.WORK.resolve("model-api-skills");
        Files.createDirectories(skills);
        try (var files = Files.list(ClarionProcess.PROJECT.resolve("skills"))) {
            for (Path f : files.toList()) {
                String y = Files.readString(f);
                if (f.getFileName().toString().equals("weekly-retention-risk.yml")) {
                    String fewer = y.replace("  origins: 11\n", "  origins: 4\n").replace("  origin_step_days: 14\n", "  origin_step_days: 28\n")
                            .replace("  validation_origins: 3\n", "  validation_origins: 1\n");
                    assertFalse(fewer.equals(y), "the retention skill still declares its origins as this test expects");
                    y = fewer;
                }
                Files.writeString(skills.resolve(f.getFileName()), y);
            }
        }
        app = ClarionProcess.start("model-api", Map.of("clarion.skills.dir", skills.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
    }

    static JsonNode status() throws Exception {
        HttpResponse<String> r = app.getAs(ADMIN, MODEL);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.readTree(r.body());
    }

    @Test
    void theStatusShowsNoVersionUntilTrainedThenTheVersionWithItsGateAndWhetherTheBriefingUsesIt() throws Exception {
        JsonNode before = status();
        assertEquals("weekly-retention-risk", before.get("skill").asText(), before.toString());
        assertTrue(before.get("declares_model").asBoolean(), before.toString());
        assertEquals("0 0 2 ? * SUN", before.get("retrain").asText(), before.toString());
        assertFalse(before.get("next_retraining").isNull(), "the server's scheduler holds the retraining: " + before);
        assertEquals(0, before.get("versions").size(), before.toString());
        assertTrue(before.get("used_version").isNull(), "no model: the briefing uses its rules: " + before);

        ClarionProcess.Result trained = ClarionProcess.cli(ClarionProcess.WORK.resolve("model-api").resolve("home"),
                Map.of("clarion.skills.dir", skills.toString(), "clarion.demo.scale", "2000"),
                List.of("model", "train", "weekly-retention-risk"), null);
        assertEquals(0, trained.exitCode(), trained.stdout() + trained.stderr());

        JsonNode after = status();
        assertEquals(1, after.get("versions").size(), after.toString());
        JsonNode v = after.get("versions").get(0);
        assertEquals(1, v.get("version").asInt(), v.toString());
        boolean promoted = v.get("promoted").asBoolean();
        String reason = v.get("gate").get("reason").asText();
        assertTrue(reason.startsWith(promoted ? "promoted: PR-AUC " : "not promoted: PR-AUC "), reason);
        assertEquals(promoted, v.get("gate").get("promoted").asBoolean(), v.toString());
        assertTrue(v.get("features").size() > 0, v.toString());
        assertFalse(v.get("window").isNull(), v.toString());
        if (promoted) assertEquals(1, after.get("used_version").asInt(), after.toString());
        else assertTrue(after.get("used_version").isNull(), after.toString());
        System.out.println("model status over HTTP after training: " + reason);
    }

    @Test
    void onlyOperatorsReadItAndAnUnknownSkillIsNotFound() throws Exception {
        for (String token : List.of(OWNER, ANALYST)) {
            HttpResponse<String> r = app.getAs(token, MODEL);
            assertEquals(403, r.statusCode(), token + ": " + r.body());
            assertEquals("forbidden", JSON.readTree(r.body()).get("error").asText(), r.body());
            assertFalse(STACK.matcher(r.body()).find(), r.body());
        }
        HttpResponse<String> unknown = app.getAs(ADMIN, "/api/v1/briefings/no-such-skill/model");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertFalse(STACK.matcher(unknown.body()).find(), unknown.body());
        assertEquals(401, app.getAs(null, MODEL).statusCode());
    }
}
