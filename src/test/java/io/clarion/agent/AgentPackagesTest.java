package io.clarion.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent packages read one way: no two of them depend on each other, the shared contract
 * in {@code io.clarion.agent} depends on none of its subpackages, nothing in them reaches the
 * composition root, and no class grows past the size limit without a reason at its top.
 */
class AgentPackagesTest {
    private static final Path AGENT = Path.of("src/main/java/io/clarion/agent");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.clarion\\.(agent(?:\\.[a-z]\\w*)?|app)\\.[A-Z]");
    private static final int MAX_LINES = 400;

    @Test
    void subpackagesDependOneWay() {
        Map<String, Set<String>> deps = dependencies();
        assertTrue(deps.size() >= 6, "agent packages found: " + deps.keySet());
        List<String> twoWay = new ArrayList<>();
        for (var e : deps.entrySet()) {
            for (String to : e.getValue()) {
                if (e.getKey().compareTo(to) < 0 && deps.getOrDefault(to, Set.of()).contains(e.getKey())) {
                    twoWay.add(e.getKey() + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), twoWay, "agent packages that depend on each other both ways");
        assertEquals(Set.of(), deps.getOrDefault("agent", Set.of()).stream().filter(p -> p.startsWith("agent.")).collect(java.util.stream.Collectors.toSet()),
                "the shared contract must not depend on its subpackages");
        deps.forEach((from, to) -> assertTrue(!to.contains("app"), from + " depends on the composition root"));
    }

    @Test
    void noClassOverTheLimitWithoutAReason() throws IOException {
        List<String> over = new ArrayList<>();
        try (Stream<Path> files = Files.walk(AGENT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (text.lines().count() > MAX_LINES && !text.contains("over " + MAX_LINES + " lines")) over.add(f.getFileName().toString());
            }
        }
        assertEquals(List.of(), over, "classes over " + MAX_LINES + " lines with no reason written at the top");
    }

    /** Package → the agent packages (and "app") its sources name, by import or fully qualified name. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(AGENT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = AGENT.getParent().relativize(f.getParent());
                String from = rel.toString().replace('/', '.').replace('\\', '.');
                Set<String> to = out.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) if (!m.group(1).equals(from)) to.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
