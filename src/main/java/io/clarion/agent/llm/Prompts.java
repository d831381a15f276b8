package io.clarion.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.clarion.agent.CatalogTools;
import io.clarion.agent.VerifiedQuery;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Metric;
import io.clarion.query.QueryParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system prompt and the tools' descriptions, read from templates in the prompts folder
 * ({@code clarion.prompts.dir}): {@code chat-system.md} and {@code tools.yml}. The system prompt
 * may use {{today}}, {{metrics}} (the certified metrics) and {{examples}} (verified questions).
 * tools.yml must describe exactly the tools {@link CatalogTools} runs.
 */
public record Prompts(String systemTemplate, List<ToolSpecification> tools) {
    public static final String SYSTEM_FILE = "chat-system.md";
    public static final String TOOLS_FILE = "tools.yml";

    public Prompts {
        tools = List.copyOf(tools);
    }

    /** Reads and checks the templates; IllegalStateException says which file is wrong and how. */
    public static Prompts load(Path dir) {
        String system;
        JsonNode tools;
        try {
            system = Files.readString(dir.resolve(SYSTEM_FILE));
            tools = new ObjectMapper(new YAMLFactory()).readTree(dir.resolve(TOOLS_FILE).toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the LLM agent's prompt " + e.getFile() + " is missing (clarion.prompts.dir is "
                    + dir + ")", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the LLM agent's prompts in " + dir + ": " + e.getMessage(), e);
        }
        return new Prompts(system, toolSpecifications(tools, dir.resolve(TOOLS_FILE)));
    }

    static List<ToolSpecification> toolSpecifications(JsonNode tools, Path file) {
        if (tools == null || !tools.isObject()) throw new IllegalStateException(file + ": expected one entry per tool");
        Set<String> declared = new LinkedHashSet<>();
        tools.fieldNames().forEachRemaining(declared::add);
        if (!declared.equals(new LinkedHashSet<>(CatalogTools.NAMES))) {
            throw new IllegalStateException(file + " must describe exactly the tools " + CatalogTools.NAMES + ", not " + declared);
        }
        List<ToolSpecification> specs = new ArrayList<>();
        for (String name : CatalogTools.NAMES) {
            JsonNode t = tools.get(name);
            String description = t.path("description").asText("").strip();
            if (description.isEmpty()) throw new IllegalStateException(file + ": " + name + " has no description");
            JsonObjectSchema.Builder params = JsonObjectSchema.builder();
            List<String> required = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> ps = t.path("parameters").fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ps.next();
                String type = p.getValue().path("type").asText("string");
                String text = p.getValue().path("description").asText("").strip();
                if (type.equals("object")) {
                    params.addProperty(p.getKey(), JsonObjectSchema.builder().description(text).additionalProperties(true).build());
                } else if (type.equals("string")) {
                    params.addStringProperty(p.getKey(), text);
                } else {
                    throw new IllegalStateException(file + ": " + name + "." + p.getKey() + " has type " + type
                            + "; use string or object");
                }
                required.add(p.getKey());
            }
            if (required.isEmpty()) throw new IllegalStateException(file + ": " + name + " has no parameters");
            specs.add(ToolSpecification.builder().name(name).description(description)
                    .parameters(params.required(required).build()).build());
        }
        return specs;
    }

    /** The system prompt for a question asked on {@code today}. */
    public String system(LocalDate today, Catalog catalog, List<VerifiedQuery> examples) {
        StringBuilder metrics = new StringBuilder();
        for (Metric m : catalog.metrics().values()) {
            if (!m.info().certified()) continue;
            metrics.append("- ").append(m.name());
            if (!m.info().description().isEmpty()) metrics.append(": ").append(oneLine(m.info().description()));
            metrics.append('\n');
        }
        StringBuilder ex = new StringBuilder();
        for (VerifiedQuery v : examples) {
            ex.append("- \"").append(v.question()).append("\" -> ").append(QueryParser.toJson(v.query())).append('\n');
        }
        return systemTemplate.replace("{{today}}", today.toString())
                .replace("{{metrics}}", metrics.length() == 0 ? "(none)" : metrics.toString().strip())
                .replace("{{examples}}", ex.length() == 0 ? "(none yet)" : ex.toString().strip());
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}
