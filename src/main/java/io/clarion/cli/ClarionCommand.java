package io.clarion.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "clarion", mixinStandardHelpOptions = true, version = "Clarion 0.1.0",
        description = "Governed analytics over customer data: a semantic catalog, metric queries, their SQL, and a chat that answers from them.",
        subcommands = {ServeCommand.class, GenerateCommand.class, InitCommand.class, ValidateCommand.class, QueryCommand.class,
                AskCommand.class, EvalCommand.class, BriefingCommand.class, RollupsCommand.class,
                CommandLine.HelpCommand.class})
public class ClarionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line; returns the exit code. Unexpected errors print one line, not a stack trace. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("clarion: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 2;
        });
        return cl.execute(args);
    }
}
