package io.clarion.testing;

import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files: output compared with a reviewed file beside the input. With
 * {@code -Dclarion.golden.update=true} the files are written instead; review the diff before
 * committing them.
 */
public final class Golden {
    public static final boolean UPDATE = Boolean.getBoolean("clarion.golden.update");

    private Golden() {
    }

    /** Each issue: its code, then the line it points at with a caret; a blank line between issues. */
    public static String withCarets(List<Issue> issues, String source) {
        return issues.stream().map(i -> "[" + i.key() + "] " + IssueRenderer.withCaret(i, source))
                .collect(Collectors.joining("\n\n", "", "\n"));
    }

    public static void check(Path file, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertTrue(Files.exists(file), "no golden file " + file.getFileName() + "; run with -Dclarion.golden.update=true");
        assertEquals(Files.readString(file), actual, file.getFileName() + " differs from its golden file"
                + "; if intended, regenerate with -Dclarion.golden.update=true and review the diff");
    }
}
