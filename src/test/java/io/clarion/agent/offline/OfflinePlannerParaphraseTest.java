package io.clarion.agent.offline;

import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.ChatService;
import io.clarion.agent.chat.SessionStore;
import io.clarion.agent.linking.DimensionValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.engine.QueryService;
import io.clarion.agent.eval.ResultComparison;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Questions written apart from the development set, in the other words people use for the
 * same metrics ("live customers", "logo churn", "how long do tickets take"). Each is right when
 * the planner's table matches the table of the metric query an analyst would write.
 */
class OfflinePlannerParaphraseTest {
    static ChatService chat;

    @BeforeAll
    static void setUp() {
        QueryService queries = DemoEngine.queries();
        chat = new ChatService(queries, OfflinePlanner.create(queries, DimensionValues.load(queries), List.of()), null,
                new SessionStore(100), null);
    }

    @Test
    void answersParaphrasesLikeAnAnalyst() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int right = 0, total = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : Files.readAllLines(DemoEngine.projectDir().resolve("src/test/resources/eval/paraphrases.jsonl"))) {
            if (line.isBlank()) continue;
            JsonNode c = json.readTree(line);
            total++;
            String question = c.get("question").asText();
            ChatResponse r = chat.ask(question, null);
            String verdict;
            if (c.path("expect").asText("answer").equals("refuse")) {
                verdict = r.refused() && r.results().isEmpty() ? null : "expected a refusal";
            } else if (r.results().isEmpty()) {
                verdict = "no result";
            } else {
                List<List<Object>> expected = DemoEngine.queries()
                        .run(QueryParser.parse(c.get("query")), QueryService.Options.DEFAULT).result().rows();
                Optional<String> m = ResultComparison.mismatch(expected, r.results().get(0).rows(), false);
                verdict = m.orElse(null);
            }
            if (verdict == null) right++;
            else wrong.add(c.get("id").asText() + " " + question + " → " + (r.results().isEmpty() ? r.answer()
                    : r.results().get(0).query()) + ": " + verdict);
        }
        wrong.forEach(System.out::println);
        System.out.printf("paraphrases: %d/%d right%n", right, total);
        assertTrue(right * 10 >= total * 9, right + "/" + total + " right; wrong:\n" + String.join("\n", wrong));
    }
}
