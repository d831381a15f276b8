package io.clarion.api;

import io.clarion.engine.Engine;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells the person who started the server where to go. */
@ApplicationScoped
public class ReadyBanner {
    private static final Logger LOG = Logger.getLogger(ReadyBanner.class);

    @Inject
    Engine engine;

    @Inject
    io.clarion.governance.auth.Authenticator authenticator;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    void onStart(@Observes StartupEvent ev) {
        String base = "http://localhost:" + port;
        LOG.infof("Clarion is ready at %s/ (catalog %s: %d cubes, %d metrics; reference date %s). API: %s/api/v1/catalog, "
                        + "POST %s/api/v1/query; OpenAPI: %s/q/openapi; health: %s/q/health",
                base, engine.catalogDir(), engine.catalog().cubes().size(), engine.catalog().metrics().size(),
                engine.queries().referenceDate(), base, base, base, base);
        if (authenticator.knows(io.clarion.governance.auth.DemoUsers.ANALYST)) {
            LOG.infof("Demo users are on: send \"Authorization: Bearer %s\" (or %s, %s, %s, %s; see the README)",
                    io.clarion.governance.auth.DemoUsers.ANALYST, io.clarion.governance.auth.DemoUsers.ADMIN, io.clarion.governance.auth.DemoUsers.EXECUTIVE,
                    io.clarion.governance.auth.DemoUsers.OWNER, io.clarion.governance.auth.DemoUsers.OWNER_2);
        }
    }
}
