package io.clarion.api;

import io.clarion.engine.Engine;
import io.clarion.demo.Progress;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

@ApplicationScoped
public class EngineProducer {
    private volatile Engine engine;

    @Produces
    @Singleton
    Engine engine() {
        Engine e = EngineHolder.take();
        if (e == null) {
            var config = ConfigProvider.getConfig();
            e = Engine.start(key -> config.getOptionalValue(key, String.class), Progress.NONE);
        }
        // From here the server's shutdown stops PostgreSQL, after the work in flight (see onStop).
        e.warehouse().stopOnExitByOwner();
        engine = e;
        return e;
    }

    /** Last of the shutdown observers (they run by ascending priority): the pool and PostgreSQL go after everything using them. */
    void onStop(@Observes @jakarta.annotation.Priority(5000) ShutdownEvent ev) {
        if (engine != null) engine.close();
    }
}
