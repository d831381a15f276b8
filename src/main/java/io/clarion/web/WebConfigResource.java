package io.clarion.web;

import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.auth.DemoUsers;
import io.clarion.governance.auth.User;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * What the web app needs before anyone signs in: the demo users' tokens, only when the demo
 * users are on (they are then printed at start and documented anyway), and the OpenID Connect
 * provider to sign in through, when one is configured. It grants nothing: the app calls /api/v1
 * with the token the person pastes or the provider issued.
 */
@jakarta.inject.Singleton
@Path("/app/config")
@Produces(MediaType.APPLICATION_JSON)
public class WebConfigResource {
    private static final Map<String, String> TOKENS = Map.of("ada.admin", DemoUsers.ADMIN, "ana.analyst", DemoUsers.ANALYST,
            "eve.executive", DemoUsers.EXECUTIVE, "olga.owner", DemoUsers.OWNER, "oscar.owner", DemoUsers.OWNER_2);

    @Inject
    Authenticator authenticator;

    public record DemoUser(String name, String role, String ownerId, String token) {
    }

    public record WebConfig(List<DemoUser> demoUsers, OidcSettings oidc) {
    }

    private static final Logger LOG = Logger.getLogger(WebConfigResource.class);
    // Learnt once the provider answers; until then every sign-in page asks again (it may start after Clarion).
    private volatile OidcSettings oidc;
    private volatile String lastProblem;

    @GET
    @Operation(summary = "Sign-in page settings: the demo users (empty unless demo users are on) and the OpenID Connect provider (null unless configured)")
    public WebConfig config() {
        List<DemoUser> demo = DemoUsers.ALL.stream().filter(u -> authenticator.knows(TOKENS.get(u.name())))
                .map(u -> new DemoUser(u.name(), u.roles().get(0), u.attributes().get("owner_id"), TOKENS.get(u.name()))).toList();
        return new WebConfig(demo, oidc());
    }

    private OidcSettings oidc() {
        if (oidc != null) return oidc;
        var config = ConfigProvider.getConfig();
        try {
            oidc = OidcSettings.from(key -> config.getOptionalValue(key, String.class)).orElse(null);
        } catch (OidcSettings.Unavailable e) {
            if (!e.getMessage().equals(lastProblem)) LOG.warnf("sign-in through the identity provider is not offered: %s", e.getMessage());
            lastProblem = e.getMessage();
        }
        return oidc;
    }
}
