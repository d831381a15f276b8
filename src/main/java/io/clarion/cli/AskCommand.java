package io.clarion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clarion.app.Agents;
import io.clarion.agent.chat.ChatResponse;
import io.clarion.warehouse.QueryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "ask", mixinStandardHelpOptions = true, description = "Ask a question in plain language; the answer comes from certified metrics only.")
public class AskCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "QUESTION", description = "a question in plain language about the catalog's certified metrics")
    String question;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text (answer and table) or json (the chat API's response)")
    Format format;

    @Option(names = "--offline", description = "use the offline planner even when an LLM is configured")
    boolean offline;

    @Option(names = "--session", paramLabel = "ID", description = "the session id the answer carries (each run starts a new "
            + "conversation: sessions live in the server's memory, not between command-line runs)")
    String session;

    @Mixin
    WarehouseOptions warehouse;


    @Mixin
    AsOfOption asOf;



    @Option(names = "--token", defaultValue = "${env:CLARION_TOKEN}", description = "answer as the API user with this token "
            + "(their rows, members and masking); without it, as the local operator")
    String token;

    @Override
    public Integer call() throws Exception {
        return applyAsOf().withClarion(clarion -> {
            CliIdentity id = CliIdentity.resolve(clarion, token);
            if (!id.ok()) {
                System.err.println("error [unauthorized]: " + id.error());
                return 2;
            }
            Agents.Chat chat = clarion.commandChat(offline);
            ChatResponse r = chat.service().ask(id.access(), question, session);
            if (format == Format.json) {
                System.out.println(json().writeValueAsString(r));
                return 0;
            }
            System.out.println(r.answer());
            for (String a : r.assumptions()) System.out.println("  (assumed: " + a + ")");
            if (r.clarification() != null) {
                for (String o : r.clarification().options()) System.out.println("  - " + o);
            }
            for (ChatResponse.Result res : r.results()) {
                System.out.println();
                QueryCommand.table(new QueryResult(res.columns(), res.rows(), res.truncated(), 0), System.out);
                System.out.println("query: " + res.query());
            }
            return r.refused() ? 4 : 0;
        });
    }

    static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private WarehouseOptions applyAsOf() {
        asOf.applyTo(warehouse);
        return warehouse;
    }
}
