package io.clarion.agent.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.clarion.agent.tools.CatalogTools;
import io.clarion.agent.VerifiedQuery;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.yaml.LocatedYaml;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.diagnostics.Suggestions;
import io.clarion.query.QueryParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    private static final Set<String> TOOL_KEYS = Set.of("description", "parameters");
    private static final Set<String> PARAMETER_KEYS = Set.of("type", "description");

    public Prompts {
        tools = List.copyOf(tools);
    }

    /** Reads and checks the templates; IllegalStateException says which file is wrong, where and how. */
    public static Prompts load(Path dir) {
        String system;
        String tools;
        try {
            system = Files.readString(dir.resolve(SYSTEM_FILE));
            tools = Files.readString(dir.resolve(TOOLS_FILE));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the LLM agent's prompt " + e.getFile() + " is missing (clarion.prompts.dir is "
                    + dir + ")", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the LLM agent's prompts in " + dir + ": " + e.getMessage(), e);
        }
        List<Issue> issues = new ArrayList<>();
        List<ToolSpecification> specs = toolSpecifications(dir.resolve(TOOLS_FILE).toString(), tools, issues);
        if (!issues.isEmpty()) {
            throw new IllegalStateException("the LLM agent's tool descriptions are invalid:\n" + IssueRenderer.report(issues).strip());
        }
        return new Prompts(system, specs);
    }

    static List<ToolSpecification> toolSpecifications(String file, String text, List<Issue> issues) {
        List<ToolSpecification> specs = new ArrayList<>();
        YNode doc = LocatedYaml.parse(file, text, issues);
        if (doc == null) return specs;
        YamlFields yaml = new YamlFields(issues);
        if (!(doc instanceof YMap tools)) {
            yaml.report(YamlCode.INVALID_STRUCTURE, doc.location(), "expected one entry per tool");
            return specs;
        }
        for (String name : tools.values().keySet()) {
            if (!CatalogTools.NAMES.contains(name)) {
                yaml.report(YamlCode.UNKNOWN_KEY, tools.keyLocation(name), "unknown tool \"" + name + "\": describe exactly the tools "
                        + CatalogTools.NAMES, Suggestions.closest(name, CatalogTools.NAMES));
            }
        }
        for (String name : CatalogTools.NAMES) {
            if (!(tools.get(name) instanceof YMap t)) {
                yaml.report(YamlCode.MISSING_FIELD, tools.get(name) == null ? doc.location() : tools.get(name).location(),
                        "describe exactly the tools " + CatalogTools.NAMES + ": " + name + " needs a description and parameters");
                continue;
            }
            yaml.checkKeys(t, TOOL_KEYS, "tool " + name);
            String description = yaml.requiredScalar(t, "description", name);
            JsonObjectSchema.Builder params = JsonObjectSchema.builder();
            List<String> required = new ArrayList<>();
            YNode ps = t.get("parameters");
            if (ps instanceof YMap pm) {
                for (var p : pm.values().entrySet()) {
                    if (!(p.getValue() instanceof YMap pv)) {
                        yaml.report(YamlCode.INVALID_STRUCTURE, p.getValue().location(), name + "." + p.getKey() + " is a mapping with type and description");
                        continue;
                    }
                    yaml.checkKeys(pv, PARAMETER_KEYS, "parameter " + name + "." + p.getKey());
                    String type = pv.get("type") == null ? "string" : yaml.scalar(pv, "type");
                    String help = pv.get("description") == null ? "" : String.valueOf(yaml.scalar(pv, "description"));
                    if ("object".equals(type)) {
                        params.addProperty(p.getKey(), JsonObjectSchema.builder().description(help).additionalProperties(true).build());
                    } else if ("string".equals(type)) {
                        params.addStringProperty(p.getKey(), help);
                    } else {
                        yaml.report(YamlCode.INVALID_VALUE, pv.get("type").location(), name + "." + p.getKey() + " has type " + type
                                + "; use string or object", Suggestions.closest(String.valueOf(type), List.of("string", "object")));
                    }
                    required.add(p.getKey());
                }
            } else if (ps != null) {
                yaml.report(YamlCode.INVALID_STRUCTURE, ps.location(), name + ": parameters is a mapping of name to {type, description}");
            }
            if (required.isEmpty()) yaml.report(YamlCode.MISSING_FIELD, t.location(), name + " has no parameters");
            if (description != null && !required.isEmpty()) {
                specs.add(ToolSpecification.builder().name(name).description(description)
                        .parameters(params.required(required).build()).build());
            }
        }
        return specs;
    }

    /** The system prompt for a question asked on {@code today}. */
    public String system(LocalDate today, Catalog catalog, List<VerifiedQuery> examples) {
        StringBuilder metrics = new StringBuilder();
        for (Metric m : catalog.metrics().values()) {
            if (!m.info().certified()) continue;
            metrics.append("- ").append(m.name());
            // The window is part of the number: without it the model would add a date range to build one.
            if (m.cumulative() != null) metrics.append(" (cumulative, ").append(m.cumulative().describe()).append(')');
            if (m.conversion() != null) {
                metrics.append(" (conversion within ").append(m.conversion().windowCount()).append(' ')
                        .append(m.conversion().windowUnit().key()).append(m.conversion().windowCount() == 1 ? ")" : "s)");
            }
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
