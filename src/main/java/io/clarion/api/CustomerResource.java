package io.clarion.api;

import io.clarion.agent.CustomerProfile;
import io.clarion.warehouse.Engine;
import io.clarion.warehouse.QueryLog;
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

    @GET
    @Path("/{id}/profile")
    @Operation(summary = "A customer's profile card", description = "Overview, financial summary, engagement, owner and recent events "
            + "of one customer (id as in customers.customer_id, e.g. cus_000042), from certified members only; the metric queries used "
            + "are listed. 404 when there is no such customer.")
    public CustomerProfile profile(@PathParam("id") String id) {
        // Each query the card runs is in the query log, like those of the query API.
        return CustomerProfile.build(engine.queries(), id, out -> QueryLog.ok(engine.warehouse().dataSource(), "api", null, out));
    }
}
