package io.clarion.api;

import io.clarion.briefing.Briefings;
import io.clarion.warehouse.Engine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Briefings over the engine; in the server, Quartz runs each skill on its schedule. */
@ApplicationScoped
public class BriefingsProducer {
    @Inject
    Instance<Briefings> briefings;

    private static Function<String, Optional<String>> config() {
        var config = ConfigProvider.getConfig();
        return key -> config.getOptionalValue(key, String.class);
    }

    /** Skills are validated, and the scheduler started, when the server starts, not at the first request. */
    void onStart(@Observes StartupEvent ev) {
        Function<String, Optional<String>> c = config();
        if (c.apply("clarion.scheduler.enabled").map(Boolean::parseBoolean).orElse(true)) {
            long seconds = c.apply("clarion.delivery.retry-interval-seconds").map(Long::parseLong).orElse(60L);
            briefings.get().startScheduler(c.apply("clarion.scheduler.name").orElse("clarion"), Duration.ofSeconds(seconds));
        } else {
            briefings.get();
        }
    }

    /** Before the engine closes its pool (a lower priority runs first): the send in flight is recorded. */
    void onStop(@Observes @jakarta.annotation.Priority(1) ShutdownEvent ev) {
        if (briefings.isResolvable()) briefings.get().close();
    }

    @Produces
    @Singleton
    Briefings briefings(Engine engine) {
        return Briefings.assemble(engine, config());
    }
}
