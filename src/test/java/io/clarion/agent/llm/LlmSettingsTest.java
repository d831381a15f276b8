package io.clarion.agent.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.clarion.agent.tools.CatalogTools;
import io.clarion.agent.VerifiedQueries;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TextPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clarion.llm.* settings and the prompt templates in prompts/. */
class LlmSettingsTest {

    static Function<String, Optional<String>> config(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }

    @Test
    void noBaseUrlMeansNoLlm() {
        assertTrue(LlmSettings.from(config(Map.of())).isEmpty());
        assertTrue(LlmSettings.from(config(Map.of("clarion.llm.base-url", " "))).isEmpty());
    }

    @Test
    void defaultsAndOverrides() {
        LlmSettings d = LlmSettings.from(config(Map.of("clarion.llm.base-url", "http://localhost:11434/v1"))).orElseThrow();
        assertEquals("gpt-4o-mini", d.model());
        assertEquals(Duration.ofSeconds(20), d.timeout());
        assertEquals(2, d.maxRetries());
        assertEquals(6, d.maxToolRounds());
        assertEquals(Path.of("prompts"), d.promptsDir());

        LlmSettings s = LlmSettings.from(config(Map.of("clarion.llm.base-url", "https://api.example.com/v1",
                "clarion.llm.model", "llama3.1", "clarion.llm.timeout", "1500ms", "clarion.llm.max-retries", "0",
                "clarion.llm.max-tool-rounds", "3"))).orElseThrow();
        assertEquals("llama3.1", s.model());
        assertEquals(Duration.ofMillis(1500), s.timeout());
        assertEquals(0, s.maxRetries());
        assertEquals(3, s.maxToolRounds());
        assertEquals(Duration.ofSeconds(30), LlmSettings.duration("k", "PT30S"));
        assertEquals(Duration.ofSeconds(7), LlmSettings.duration("k", "7"));
        assertEquals(Duration.ofMillis(2500), LlmSettings.from(config(Map.of("clarion.llm.base-url", "x",
                "clarion.llm.timeout-ms", "2500"))).orElseThrow().timeout());
    }

    @Test
    void badValuesSayWhichSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlmSettings.from(config(Map.of(
                "clarion.llm.base-url", "x", "clarion.llm.max-retries", "two"))));
        assertTrue(e.getMessage().contains("clarion.llm.max-retries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LlmSettings.from(config(Map.of(
                "clarion.llm.base-url", "x", "clarion.llm.timeout", "soon"))));
        assertThrows(IllegalArgumentException.class, () -> LlmSettings.from(config(Map.of(
                "clarion.llm.base-url", "x", "clarion.llm.max-tool-rounds", "0"))));
    }

    @Test
    void theProjectsPromptsDescribeExactlyTheCatalogTools() {
        Prompts p = Prompts.load(DemoEngine.projectDir().resolve("prompts"));
        assertEquals(CatalogTools.NAMES, p.tools().stream().map(ToolSpecification::name).toList());
        for (ToolSpecification t : p.tools()) {
            assertFalse(t.description().isBlank());
            assertFalse(t.parameters().required().isEmpty(), t.name());
        }
        String system = p.system(LocalDate.of(2026, 6, 15), DemoEngine.catalog(),
                VerifiedQueries.load(DemoEngine.projectDir().resolve("semantic"), DemoEngine.compiler(LocalDate.of(2026, 6, 15))).queries());
        assertTrue(system.contains("2026-06-15"));
        assertTrue(system.contains("- net_revenue_retention"), "the certified metrics are listed");
        assertFalse(system.contains("{{"), "every placeholder is filled");
        assertFalse(system.contains("SELECT"));
    }

    @Test
    void aMissingOrWrongPromptIsReportedClearly(@TempDir Path dir) throws Exception {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Prompts.load(dir));
        assertTrue(missing.getMessage().contains("chat-system.md"), missing.getMessage());
        Files.writeString(dir.resolve("chat-system.md"), "You are Clarion.");
        Files.writeString(dir.resolve("tools.yml"), "search_catalog:\n  description: x\n  parameters:\n    text: {type: string}\nrun_sql:\n  description: y\n");
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> Prompts.load(dir));
        assertTrue(wrong.getMessage().contains("exactly the tools"), wrong.getMessage());
    }

    @Test
    void toolDescriptionProblemsArePlacedInTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("chat-system.md"), "You are Clarion.");
        String tools = Files.readString(DemoEngine.projectDir().resolve("prompts").resolve("tools.yml"))
                .replaceFirst("type: string", "type: strng").replaceFirst("describe_member:", "describe_membr:");
        Files.writeString(dir.resolve("tools.yml"), tools);
        String report = assertThrows(IllegalStateException.class, () -> Prompts.load(dir)).getMessage();
        assertTrue(report.contains("tools.yml:" + TextPositions.position(tools, "strng") + ": search_catalog.text has type strng"
                + "; use string or object (did you mean string?)"), report);
        assertTrue(report.contains("tools.yml:" + TextPositions.position(tools, "describe_membr:")
                + ": unknown tool \"describe_membr\""), report);
    }
}
