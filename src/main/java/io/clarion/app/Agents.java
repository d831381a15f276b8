package io.clarion.app;

import io.clarion.agent.chat.ChatFeedback;
import io.clarion.agent.chat.ChatService;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.chat.FeedbackStore;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.chat.SessionStore;
import io.clarion.agent.VerifiedQueries;
import io.clarion.agent.VerifiedQuery;

import io.clarion.engine.Engine;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Builds the chat for an engine: the offline planner always, the LLM agent when configured. */
public final class Agents {
    private static final Logger LOG = Logger.getLogger(Agents.class);

    private Agents() {
    }

    /** The chat service and what hangs off it; {@code values} reads dimension values in the background. */
    public record Chat(ChatService service, ChatFeedback feedback, OfflinePlanner offline, ScheduledExecutorService values)
            implements AutoCloseable {
        /** A chat with no background reading (values given once). */
        public Chat(ChatService service, ChatFeedback feedback, OfflinePlanner offline) {
            this(service, feedback, offline, null);
        }

        /**
         * Stops the background reading and waits for a read in progress: it may be inside the
         * embedding runtime's native code, and a JVM that exits under it crashes instead of stopping.
         */
        @Override
        public void close() {
            if (values == null) return;
            values.shutdownNow();
            try {
                if (!values.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("dimension values still being read at shutdown");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code forceOffline}: never use the LLM, even when one is configured (to evaluate the offline
     * planner). {@code valuesFirst}: read dimension values before returning (the command line
     * answers at once); the server reads them in the background.
     */
    public static Chat assemble(Engine engine, Function<String, Optional<String>> config, boolean forceOffline,
                                boolean valuesFirst) {
        List<VerifiedQuery> verified = verifiedQueries(engine);
        OfflinePlanner offline = OfflinePlanner.create(engine.queries());
        offline.useVerified(verified);
        if (valuesFirst) offline.useValues(DimensionValues.load(engine.queries()));
        offline.awaitValuesFor(Duration.ofSeconds(Long.parseLong(config.apply("clarion.chat.values-wait-seconds").orElse("20"))));
        ScheduledExecutorService values = refreshValues(offline, engine, config, valuesFirst);
        QuestionPlanner llm = forceOffline ? null : llmPlanner(engine, config, offline, verified);
        ChatService service = new ChatService(engine.queries(), offline, llm, new SessionStore(10_000), engine.audit());
        ChatFeedback feedback = new ChatFeedback(service, new FeedbackStore(engine.store().dataSource()), offline, verified);
        return new Chat(service, feedback, offline, values);
    }

    /** The LLM agent when clarion.llm.base-url is set, else none. */
    static QuestionPlanner llmPlanner(Engine engine, Function<String, Optional<String>> config, OfflinePlanner offline,
                                      List<VerifiedQuery> verified) {
        return io.clarion.agent.llm.LlmPlanner.create(engine.queries(), engine.audit(), verified, config, offline).orElse(null);
    }

    /** Verified queries beside the catalog; an invalid one stops start-up, like an invalid catalog. */
    static List<VerifiedQuery> verifiedQueries(Engine engine) {
        VerifiedQueries.Loaded verified = VerifiedQueries.load(engine.catalogDir(), engine.queries());
        if (!verified.errors().isEmpty()) {
            throw new Engine.StartupException("the verified queries in " + engine.catalogDir() + " are invalid ("
                    + verified.errors().size() + " errors):\n" + io.clarion.diagnostics.IssueRenderer.report(verified.errors()), null);
        }
        return verified.queries();
    }

    /**
     * Dimension values are read in the background, then refreshed (clarion.chat.values-refresh,
     * an ISO duration without "PT", default 30M): questions are answered meanwhile.
     */
    static ScheduledExecutorService refreshValues(OfflinePlanner offline, Engine engine, Function<String, Optional<String>> config,
                                                  boolean loaded) {
        Duration every = Duration.parse("PT" + config.apply("clarion.chat.values-refresh").orElse("30M"));
        ScheduledExecutorService values = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clarion-dimension-values");
            t.setDaemon(true);
            return t;
        });
        values.scheduleWithFixedDelay(() -> {
            try {
                offline.useValues(DimensionValues.load(engine.queries()));
            } catch (RuntimeException e) {
                LOG.warnf("dimension values not refreshed: %s", e.getMessage());
            }
        }, loaded ? every.toMillis() : 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return values;
    }

}
