package io.clarion.api;

import io.clarion.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;

/** Ready when the warehouse answers; the catalog was validated before the server started. */
@Readiness
@ApplicationScoped
public class WarehouseHealth implements HealthCheck {
    @Inject
    Engine engine;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = engine.warehouse().connection()) {
            boolean ok = c.isValid(2);
            return HealthCheckResponse.named("warehouse").status(ok)
                    .withData("cubes", engine.catalog().cubes().size())
                    .withData("reference_date", engine.queries().referenceDate().toString())
                    .withData("reference_date_source", engine.queries().referenceDateSource()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("warehouse").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
