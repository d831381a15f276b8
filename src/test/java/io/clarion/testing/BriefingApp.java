package io.clarion.testing;

import io.clarion.briefing.Briefings;
import io.clarion.demo.Progress;
import io.clarion.engine.Engine;

import java.util.Map;
import java.util.Optional;

/** The engine and the briefings assembled on it from one configuration, as the server starts them, closed together. */
public record BriefingApp(Engine engine, Briefings briefings) implements AutoCloseable {
    public static BriefingApp start(Map<String, String> config) {
        Map<String, String> c = Map.copyOf(config);
        Engine engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
        try {
            return new BriefingApp(engine, Briefings.assemble(engine, k -> Optional.ofNullable(c.get(k))));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            briefings.close();
        } finally {
            engine.close();
        }
    }
}
