package io.clarion.api;

import io.clarion.agent.CustomerProfile;
import io.clarion.engine.Engine;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    @Inject
    Engine engine;

    @Inject
    Caller caller;

    @GET
    @Path("/{id}/profile")
    @Operation(summary = "A customer's profile card", description = "Overview, financial summary, engagement, owner and recent events "
            + "of one customer (id as in customers.customer_id, e.g. cus_000042), from certified members only; the metric queries used "
            + "are listed. 404 when there is no such customer.")
    public CustomerProfile profile(@PathParam("id") String id) {
        // Each query the card runs is audited; an owner asking for another owner's customer finds none (404).
        return CustomerProfile.build(engine.queries().as(caller.access()), id, out -> engine.audit().queryOk("api", caller.principal(), out.compiled().query(), out.compiled().sql(), out.result()));
    }
}
