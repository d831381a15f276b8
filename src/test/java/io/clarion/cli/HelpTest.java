package io.clarion.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help} works on every command and subcommand, and prints its usage. */
class HelpTest {
    @Test
    void everyCommandAndSubcommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new ClarionCommand()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 11, paths.toString());
        for (List<String> path : paths) {
            StringWriter out = new StringWriter();
            CommandLine cl = new CommandLine(new ClarionCommand());
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertEquals(0, cl.execute(args.toArray(String[]::new)), String.join(" ", args));
            assertTrue(out.toString().startsWith("Usage: clarion"), String.join(" ", args) + ":\n" + out);
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(path);
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            collect(e.getValue(), next, out);
        }
    }
}
