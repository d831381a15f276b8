package io.clarion.cli;

import io.clarion.app.Agents;
import io.clarion.agent.eval.EvalRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Score the chat on a question set (JSONL: id, question, expect, gold_sql, ordered).")
public class EvalCommand implements Callable<Integer> {
    enum Planner { offline, llm }

    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "FILE", description = "the question set")
    Path file;

    @Option(names = "--planner", defaultValue = "llm", description = "offline, or llm (the configured LLM agent, offline when none is configured)")
    Planner planner;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json")
    Format format;

    @Mixin
    WarehouseOptions warehouse;


    @Mixin
    AsOfOption asOf;



    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("clarion: no question set at " + file);
            return 2;
        }
        List<EvalRunner.Case> cases;
        try {
            cases = EvalRunner.parse(Files.readAllLines(file), file.getFileName().toString());
        } catch (EvalRunner.BadSetException e) {
            System.err.println("clarion: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("clarion: cannot read " + file + " (a UTF-8 text file, one JSON object a line): " + e.getMessage());
            return 2;
        }
        return applyAsOf().withClarion(clarion -> {
            Agents.Chat chat = clarion.commandChat(planner == Planner.offline);
            EvalRunner.Report report = EvalRunner.run(cases, chat.service(), clarion.engine().warehouse().dataSource());
            if (format == Format.json) {
                System.out.println(AskCommand.json().writeValueAsString(report));
                return 0;
            }
            for (EvalRunner.Verdict v : report.verdicts()) {
                System.out.println(EvalRunner.line(v));
                if (!v.right() && v.query() != null) System.out.println("       query: " + v.query());
            }
            System.out.println(EvalRunner.scoreLine(report));
            System.out.printf("chat latency: p50 %d ms, p99 %d ms (%d questions)%n", report.p50Millis(), report.p99Millis(), report.total());
            return 0;
        });
    }

    private WarehouseOptions applyAsOf() {
        asOf.applyTo(warehouse);
        return warehouse;
    }
}
