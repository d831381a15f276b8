package io.clarion.api;

import io.clarion.app.Agents;
import io.clarion.app.Clarion;
import io.clarion.briefing.BriefingStore;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackPage;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.engine.Engine;
import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.auth.DemoUsers;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's beans, each taken from the one composition root ({@link Clarion}); this class
 * only adapts it to CDI and to the server's life cycle (start-up order, scheduler, shutdown).
 */
@ApplicationScoped
public class ClarionProducer {
    private static final Logger LOG = Logger.getLogger(ClarionProducer.class);

    @Inject
    Instance<Clarion> clarion;

    @Inject
    Instance<Authenticator> authenticator;

    private volatile Clarion started;
    private volatile Thread schedulerRetry;

    private static Function<String, Optional<String>> config() {
        var config = ConfigProvider.getConfig();
        return key -> config.getOptionalValue(key, String.class);
    }

    @Produces
    @Singleton
    Clarion clarion() {
        Function<String, Optional<String>> config = config();
        Clarion c = Clarion.startServer(config, Clarion.progress(config), LOG::info);
        // From here the server's shutdown stops PostgreSQL, after the work in flight (see onStop).
        c.engine().warehouse().stopOnExitByOwner();
        started = c;
        return c;
    }

    @Produces
    @Singleton
    Engine engine(Clarion c) {
        return c.engine();
    }

    @Produces
    @Singleton
    Agents.Chat chat(Clarion c) {
        return c.chat();
    }

    @Produces
    @Singleton
    Briefings briefings(Clarion c) {
        return c.briefings();
    }

    @Produces
    @Singleton
    FeedbackService feedbackService(Briefings briefings) {
        return briefings.feedback();
    }

    @Produces
    @Singleton
    BriefingStore briefingStore(Briefings briefings) {
        return briefings.store();
    }

    @Produces
    @Singleton
    FeedbackLinks feedbackLinks(Briefings briefings) {
        return briefings.links();
    }

    @Produces
    @Singleton
    FeedbackPage feedbackPage(Briefings briefings) {
        return new FeedbackPage(briefings.links(), briefings.feedback(), briefings.templates());
    }

    @Produces
    @Singleton
    Authenticator authenticator(Clarion c, Instance<JWTParser> jwt) {
        Authenticator a = c.authenticator(jwt.isResolvable() ? jwt.get() : null);
        if (a.userCount() == 0 && !a.acceptsJwt()) {
            LOG.warnf("no API users are configured: every /api request will answer 401 (set %s)", Authenticator.USERS_FILE_KEY);
        } else {
            LOG.infof("API: %d users can sign in with a bearer token", a.userCount());
        }
        return a;
    }

    /**
     * Everything is built when the server starts, not at the first request: the chat starts
     * reading dimension values, skills are validated, the scheduler starts. A start that fails
     * for a reason people can mend (an invalid catalog, an unreachable embedded warehouse) is one
     * plain line and exit code 1, not a stack trace.
     */
    void onStart(@Observes StartupEvent ev) {
        Clarion c;
        try {
            c = clarion.get();
            c.chat();
            c.briefings();
            authenticator.get();
        } catch (Engine.StartupException e) {
            System.err.println("clarion: " + e.getMessage());
            Quarkus.asyncExit(1);
            return;
        }
        startScheduler(c);
        banner(c);
    }

    /** Tells the person who started the server where to go. */
    private void banner(Clarion c) {
        Engine engine = c.engine();
        String base = "http://localhost:" + config().apply("quarkus.http.port").orElse("8080");
        LOG.infof("Clarion is ready at %s/ (catalog %s: %d cubes, %d metrics; reference date %s, %s). API: %s/api/v1/catalog, "
                        + "POST %s/api/v1/query; OpenAPI: %s/q/openapi; health: %s/q/health",
                base, engine.catalogDir(), engine.catalog().cubes().size(), engine.catalog().metrics().size(),
                engine.queries().referenceDate(), engine.queries().referenceDateSource(), base, base, base, base);
        for (var d : c.briefings().disabledSkills()) {
            LOG.warnf("Skill %s is switched off for this catalog: %s", d.name(), d.reason());
        }
        if (authenticator.get().knows(DemoUsers.ANALYST)) {
            LOG.infof("Demo users are on: send \"Authorization: Bearer %s\" (or %s, %s, %s, %s; see the README)",
                    DemoUsers.ANALYST, DemoUsers.ADMIN, DemoUsers.EXECUTIVE, DemoUsers.OWNER, DemoUsers.OWNER_2);
        }
    }

    private void startScheduler(Clarion c) {
        Function<String, Optional<String>> cfg = c.config();
        if (!cfg.apply("clarion.scheduler.enabled").map(Boolean::parseBoolean).orElse(true)) return;
        long seconds = cfg.apply("clarion.delivery.retry-interval-seconds").map(Long::parseLong).orElse(60L);
        String name = cfg.apply("clarion.scheduler.name").orElse("clarion");
        try {
            c.engine().startRollupRefresh(name);
        } catch (RuntimeException e) {
            // Queries still answer (from the raw tables when a rollup is stale); builds stay possible by hand.
            LOG.warnf("the rollup refresh scheduler could not start (%s)", e.getMessage());
        }
        Briefings b = c.briefings();
        try {
            b.startScheduler(name, Duration.ofSeconds(seconds));
        } catch (RuntimeException e) {
            // A configured warehouse may be down at start: serve anyway and start the scheduler once it is up.
            LOG.warnf("the briefing scheduler could not start yet (%s); retrying every 30 s", e.getMessage());
            Thread retry = new Thread(() -> {
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
            schedulerRetry = retry;
        }
    }

    /** Last of the shutdown observers (they run by ascending priority): briefings record the send in flight, then the pool and PostgreSQL go. */
    void onStop(@Observes @Priority(5000) ShutdownEvent ev) {
        Thread retry = schedulerRetry;
        if (retry != null) retry.interrupt();
        Clarion c = started;
        if (c != null) c.close();
    }
}
