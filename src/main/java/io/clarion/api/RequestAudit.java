package io.clarion.api;

import io.clarion.engine.Engine;
import io.clarion.governance.audit.AuditLog;
import io.clarion.governance.policy.Principal;
import io.clarion.warehouse.WarehouseException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every /api request leaves one row in the audit log (kind access, source request) with its
 * status, whatever else it audits: a malformed request that never reached a query is on record
 * too. Refusals the auth filter already audited are not written twice.
 */
public class RequestAudit {
    static final String AUDITED = "clarion.audited";

    @Inject
    Caller caller;

    @Inject
    Engine engine;

    @ServerResponseFilter
    public void audit(ContainerRequestContext req, ContainerResponseContext resp) {
        String path = req.getUriInfo().getPath();
        if (!path.startsWith("/api/") || req.getProperty(AUDITED) != null) return;
        Principal p = caller.known() ? caller.principal() : Principal.named("anonymous");
        int status = resp.getStatus();
        String outcome = status < 400 ? "ok" : resp.getEntity() instanceof ApiError e ? e.error() : "http_" + status;
        try {
            engine.audit().event(AuditLog.Kind.ACCESS, "request", p, req.getMethod() + " " + path, null, 0, outcome, "HTTP " + status);
        } catch (WarehouseException e) {
            // Not answered unaudited: the body already built (a catalog, a CSV) is replaced by the reason.
            resp.getHeaders().remove("Content-Disposition");
            resp.setStatus(503);
            resp.setEntity(ApiError.of("warehouse_unavailable", e.getMessage()), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /**
     * A request with both Transfer-Encoding and Content-Length is ambiguous (request smuggling):
     * refused with 400 before its body is read, rather than left waiting for a body that never ends.
     */
    void ambiguousLength(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            var h = rc.request().headers();
            if (h.contains("Transfer-Encoding") && h.contains("Content-Length")) {
                rc.response().setStatusCode(400).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                        .end("{\"error\":\"ambiguous_length\",\"message\":\"send either Transfer-Encoding or Content-Length, not both\",\"errors\":[]}");
                return;
            }
            rc.next();
        });
    }
}
