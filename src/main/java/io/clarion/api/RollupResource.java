package io.clarion.api;

import io.clarion.catalog.model.AccessPolicy.Privilege;
import io.clarion.catalog.model.Rollup;
import io.clarion.engine.Engine;
import io.clarion.engine.Rollups;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalog's rollups and whether queries may read them now, for operators. */
@Path("/api/v1/rollups")
@Produces(MediaType.APPLICATION_JSON)
public class RollupResource {
    @Inject
    Engine engine;

    @Inject
    Caller caller;

    /**
     * One declared rollup. {@code state}: built (fresh: queries may read it), stale (built, but too
     * old or from another definition or reference date; queries read the raw tables) or missing
     * (never built). {@code sourceRowCount}: the rows of the tables it is built from, when built; a
     * built rollup holding more than half as many is not read either, and {@code reason} says so. Durations in
     * minutes; {@code refreshEveryMinutes} and {@code nextRefreshAt} null when nothing refreshes it
     * on a schedule (here). {@code lastFailureAt}, {@code failedAttempts} and {@code lastFailure}:
     * the builds that failed since the last successful one (null when none did).
     */
    public record View(String name, String cube, String state, Instant builtAt, LocalDate referenceDate, Long rowCount,
                       Long sourceRowCount, Long buildMs, long maxAgeMinutes, Long refreshEveryMinutes, Instant nextRefreshAt,
                       String reason,
                       Instant lastFailureAt, Integer failedAttempts, String lastFailure) {
    }

    @GET
    @Operation(summary = "List the rollups and their state", description = "Each rollup the catalog declares: state (built, stale "
            + "or missing), when it was built and as of which reference date, its row count (and its tables') and build time, "
            + "its max age and refresh schedule (if any), and why queries do not read it when they do not. Needs the operate privilege.")
    public List<View> list() {
        caller.require(Privilege.OPERATE, "read the rollups' state");
        Map<String, Rollup> declared = engine.catalog().rollups().stream().collect(Collectors.toMap(Rollup::name, Function.identity()));
        return engine.rollups().status(engine.queries()).stream().map(s -> view(declared.get(s.name()), s,
                engine.nextRollupRefresh(s.name()).map(java.util.Date::toInstant).orElse(null))).toList();
    }

    static View view(Rollup r, Rollups.Status s, Instant nextRefresh) {
        String state = !s.built() ? "missing" : s.fresh() ? "built" : "stale";
        return new View(s.name(), s.cube(), state, s.builtAt(), s.referenceDate(), s.built() ? s.rows() : null,
                s.built() && s.sourceRows() > 0 ? s.sourceRows() : null, s.built() ? s.buildMillis() : null, r.maxAge().toMinutes(),
                minutes(r.refreshEvery()), nextRefresh, s.reason(),
                s.lastFailure() == null ? null : s.lastFailure().at(), s.lastFailure() == null ? null : s.lastFailure().attempts(),
                s.lastFailure() == null ? null : s.lastFailure().message());
    }

    private static Long minutes(Duration d) {
        return d == null ? null : d.toMinutes();
    }
}
