package io.clarion.api;

import io.clarion.catalog.model.AccessPolicy.Privilege;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Who the token belongs to, so a client can show the caller what they may do (the API still checks every request). */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    Caller caller;

    public record Me(String name, List<String> roles, String ownerId, List<String> privileges, boolean piiMasked) {
    }

    @GET
    @Operation(summary = "The caller: name, roles, owner scope and privileges")
    public Me me() {
        var a = caller.access();
        List<String> privileges = Arrays.stream(Privilege.values()).filter(a::has).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
        return new Me(caller.principal().name(), caller.principal().roles(), caller.ownerScope().ownerId(), privileges, a.masksPii());
    }
}
