package io.clarion.api;

import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.auth.JwtVerifier;
import io.clarion.engine.Engine;
import io.clarion.warehouse.WarehouseSettings;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Function;

@ApplicationScoped
public class GovernanceProducer {
    private static final Logger LOG = Logger.getLogger(GovernanceProducer.class);

    /** Demo users are on by default only with the embedded demo warehouse; a configured warehouse needs real users. */
    @Produces
    @Singleton
    Authenticator authenticator(Engine engine, Instance<JWTParser> jwt) {
        var config = ConfigProvider.getConfig();
        Function<String, Optional<String>> lookup = k -> config.getOptionalValue(k, String.class);
        boolean embedded = WarehouseSettings.from(lookup).embedded();
        Authenticator a;
        try {
            var verifier = JwtVerifier.configure(lookup, jwt.isResolvable() ? jwt.get() : null);
            verifier.ifPresent(v -> LOG.infof("API: JWTs from the identity provider are accepted (keys at %s)",
                    lookup.apply(JwtVerifier.KEY_LOCATION).orElse("mp.jwt.verify.publickey")));
            a = Authenticator.configure(lookup, engine.catalog().access(), embedded, verifier.orElse(null));
        } catch (IllegalStateException e) {
            throw new Engine.StartupException(e.getMessage(), e);
        }
        if (a.userCount() == 0 && !a.acceptsJwt()) {
            LOG.warnf("no API users are configured: every /api request will answer 401 (set %s)", Authenticator.USERS_FILE_KEY);
        } else {
            LOG.infof("API: %d users can sign in with a bearer token", a.userCount());
        }
        return a;
    }
}
