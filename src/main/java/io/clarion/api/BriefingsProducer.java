package io.clarion.api;

import io.clarion.briefing.Briefings;
import io.clarion.engine.Engine;
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
        Briefings b = briefings.get();
        if (!c.apply("clarion.scheduler.enabled").map(Boolean::parseBoolean).orElse(true)) return;
        long seconds = c.apply("clarion.delivery.retry-interval-seconds").map(Long::parseLong).orElse(60L);
        String name = c.apply("clarion.scheduler.name").orElse("clarion");
        try {
            b.startScheduler(name, Duration.ofSeconds(seconds));
        } catch (RuntimeException e) {
            // A configured warehouse may be down at start: serve anyway and start the scheduler once it is up.
            LOG.warnf("the briefing scheduler could not start yet (%s); retrying every 30 s", e.getMessage());
            retry = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(30_000);
                        b.startScheduler(name, Duration.ofSeconds(seconds));
                        LOG.info("the briefing scheduler started");
                        return;
                    } catch (InterruptedException ie) {
                        return;
                    } catch (RuntimeException again) {
                        LOG.debugf("the briefing scheduler still cannot start: %s", again.getMessage());
                    }
                }
            }, "briefing-scheduler-start");
            retry.setDaemon(true);
            retry.start();
        }
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BriefingsProducer.class);
    private volatile Thread retry;

    /** Before the engine closes its pool (a lower priority runs first): the send in flight is recorded. */
    void onStop(@Observes @jakarta.annotation.Priority(1) ShutdownEvent ev) {
        if (retry != null) retry.interrupt();
        if (briefings.isResolvable()) briefings.get().close();
    }

    @Produces
    @Singleton
    Briefings briefings(Engine engine) {
        return Briefings.assemble(engine, config());
    }
}
