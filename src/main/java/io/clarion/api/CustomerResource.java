package io.clarion.api;

import io.clarion.agent.chat.CustomerProfile;
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
            + "of one customer (id as the catalog's customer_id role holds it), from the certified members the catalog marks for the "
            + "card (meta: {profile: ...}); the metric queries used are listed. 404 when there is no such customer, or when the "
            + "catalog declares no customer_id role (the reason says which).")
    public CustomerProfile profile(@PathParam("id") String id) {
        io.clarion.catalog.model.Roles roles = io.clarion.catalog.model.Roles.of(engine.catalog());
        if (!roles.has(io.clarion.catalog.model.Roles.CUSTOMER_ID)) {
            throw new java.util.NoSuchElementException("there is no profile card on this catalog: it declares no customer_id role "
                    + "(mark the customer's id with meta: {role: customer_id})");
        }
        // Each query the card runs is audited; an owner asking for another owner's customer finds none (404).
        return CustomerProfile.build(engine.queries().as(caller.access()), id, out -> engine.audit().queryOk("api", caller.principal(), out.compiled().query(), out.compiled().sql(), out.result()));
    }
}
