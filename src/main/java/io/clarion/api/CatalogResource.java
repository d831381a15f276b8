package io.clarion.api;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.ProfileMark;
import io.clarion.catalog.model.Roles;
import io.clarion.catalog.model.Segment;
import io.clarion.governance.policy.Access;
import io.clarion.query.Operator;
import io.clarion.engine.Engine;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {
    @Inject
    Engine engine;

    @Inject
    Caller caller;

    public record CatalogMember(String name, String kind, String cube, String type, String description, List<String> synonyms,
                                boolean certified, String owner, String format, List<String> grains,
                                List<String> operators, boolean pii, String role, String profile) {
        /** As a caller without the pii privilege sees it: values come back masked and cannot be filtered on. */
        CatalogMember masked() {
            return new CatalogMember(name, kind, cube, type, description + " (personal data: masked for you)", synonyms, certified, owner,
                    format, grains, List.of(), pii, role, profile);
        }
    }

    public record CubeSummary(String name, String description, List<String> joins) {
    }

    /**
     * @param roles what the catalog's cubes and members are for (customer_id, owner_name, revenue, ...; see the
     *              skills README), each to the cube or member bound to it, among those the caller may see: a page
     *              or client reads the customer's id and name through these, never through one catalog's names
     * @param referenceDateSource where "today" for relative dates comes from: clarion.reference-date, the catalog's
     *              reference_date, the data set's dataset_info.as_of, or the calendar
     */
    public record CatalogResponse(List<CubeSummary> cubes, List<CatalogMember> members, String referenceDate,
                                  String referenceDateSource, Map<String, String> roles) {
    }

    @GET
    @Operation(summary = "The metrics, measures, dimensions and segments the caller may query",
            description = "Members the caller's role is denied are left out; PII the caller sees masked has no filter operators. "
                    + "roles maps each catalog role (customer_id, customer_name, owner_id, revenue, usage, ...) to the member bound "
                    + "to it; each member also names its role and its profile card section, if any.")
    public CatalogResponse catalog() {
        Catalog c = engine.catalog();
        Access a = caller.access();
        List<CubeSummary> cubes = c.cubes().values().stream().filter(x -> !(a.rows(x.name()) instanceof Access.NoRows))
                .map(CatalogResource::cube).toList();
        List<CatalogMember> members = c.members().stream()
                .filter(m -> (m instanceof Metric x ? a.metricDenial(x) : a.denial(m.fullName())).isEmpty())
                .map(CatalogResource::member)
                .map(m -> m.pii() && a.masksPii() ? m.masked() : m).toList();
        java.util.Set<String> visible = new java.util.HashSet<>(members.stream().map(CatalogMember::name).toList());
        cubes.forEach(x -> visible.add(x.name()));
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        Roles.of(c).bound().forEach((role, bound) -> {
            if (visible.contains(bound)) roles.put(role, bound);
        });
        return new CatalogResponse(cubes, members, engine.queries().referenceDate().toString(), engine.queries().referenceDateSource(), roles);
    }

    private static CubeSummary cube(Cube c) {
        return new CubeSummary(c.name(), c.info().description(),
                c.joins().stream().map(j -> j.to() + " (" + lower(j.relationship()) + ")").toList());
    }

    static CatalogMember member(Member m) {
        List<String> metricOps = Arrays.stream(Operator.values()).filter(Operator::appliesToMetric).map(Operator::key).toList();
        if (m instanceof Measure x) {
            return new CatalogMember(x.fullName(), "measure", x.cube(), lower(x.type()), x.info().description(),
                    x.info().synonyms(), x.info().certified(), x.info().owner(), x.format() == null ? null : lower(x.format()),
                    List.of(), metricOps, false, role(m), profile(m));
        }
        if (m instanceof Metric x) {
            return new CatalogMember(x.fullName(), "metric", null, lower(x.type()), x.info().description(),
                    x.info().synonyms(), x.info().certified(), x.info().owner(), x.format() == null ? null : lower(x.format()),
                    x.timeGrain() == null ? List.of() : List.of(x.timeGrain().key()), metricOps, false, role(m), profile(m));
        }
        if (m instanceof Dimension x) {
            return new CatalogMember(x.fullName(), "dimension", x.cube(), lower(x.type()), x.info().description(),
                    x.info().synonyms(), x.info().certified(), x.info().owner(), null,
                    x.granularities().stream().map(Grain::key).toList(), operators(x.type()), x.info().pii(), role(m), profile(m));
        }
        Segment x = (Segment) m;
        return new CatalogMember(x.fullName(), "segment", x.cube(), "segment", x.info().description(),
                x.info().synonyms(), x.info().certified(), x.info().owner(), null, List.of(), List.of(), false, role(m), profile(m));
    }

    private static String role(Member m) {
        return m.info().meta().get("role") instanceof String r && Roles.ALL.containsKey(r) ? r : null;
    }

    private static String profile(Member m) {
        return ProfileMark.of(m).map(p -> p.section().key()).orElse(null);
    }

    private static List<String> operators(DimensionType t) {
        return Arrays.stream(Operator.values()).filter(o -> o.appliesTo(t)).map(Operator::key).toList();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
