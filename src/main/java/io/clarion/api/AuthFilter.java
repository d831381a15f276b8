package io.clarion.api;

import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.policy.Principal;
import io.clarion.governance.audit.AuditLog;
import io.clarion.engine.Engine;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/**
 * Every /api request needs a bearer token in the Authorization header. A missing or bad token
 * is 401 with a plain message; a token in the query string is refused (URLs end up in logs,
 * proxies and browser history). Feedback pages are opened from signed links and need none.
 */
public class AuthFilter {
    static final Set<String> TOKEN_PARAMS = Set.of("access_token", "token", "api_key", "apikey", "bearer", "auth");

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @Inject
    Engine engine;

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        // Ids, names and query values reach PostgreSQL, which refuses NUL in text: refused here, for every endpoint.
        if (path.indexOf('\0') >= 0 || ctx.getUriInfo().getQueryParameters().entrySet().stream()
                .anyMatch(e -> e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0))) {
            refused(ctx, path, "nul_byte", "a NUL byte in the path or query string");
            return ErrorMappers.json(400, ApiError.of("nul_byte", "the path or query string holds a NUL byte (%00), which is refused"));
        }
        // A header value reaches the token check and the audit log: a NUL there is refused as well.
        if (ctx.getHeaders().entrySet().stream().anyMatch(e -> e.getKey().indexOf('\0') >= 0
                || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0))) {
            refused(ctx, path, "nul_byte", "a NUL byte in a header");
            return ErrorMappers.json(400, ApiError.of("nul_byte", "a request header holds a NUL byte, which is refused"));
        }
        for (String k : ctx.getUriInfo().getQueryParameters().keySet()) {
            if (TOKEN_PARAMS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                refused(ctx, path, "token_in_query", "credentials in the query string");
                return ErrorMappers.json(400, ApiError.of("token_in_query", "a token in the URL is refused (URLs end up in logs "
                        + "and browser history); send it as the header \"Authorization: Bearer <token>\""));
            }
        }
        if (!path.startsWith("/api/")) return null;
        Authenticator.Result r = authenticator.authenticate(ctx.getHeaderString("Authorization"));
        if (!r.ok()) {
            refused(ctx, path, "unauthorized", r.error());
            return Response.status(401).type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", "Bearer realm=\"clarion\"")
                    .entity(ApiError.of("unauthorized", r.error())).build();
        }
        caller.set(r.principal());
        return null;
    }

    private void refused(ContainerRequestContext ctx, String path, String outcome, String message) {
        ctx.setProperty(RequestAudit.AUDITED, Boolean.TRUE);
        engine.audit().event(AuditLog.Kind.ACCESS, "api", Principal.named("anonymous"), path, null, 0, outcome, message);
    }
}
