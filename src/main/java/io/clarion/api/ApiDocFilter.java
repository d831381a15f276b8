package io.clarion.api;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Declares how the API authenticates, so Swagger UI's "Authorize" sends the token and clients
 * generated from the document know it: every /api operation takes a bearer token (a token of the
 * users file or the demo users, or a JWT of the identity provider), and, when an issuer is
 * configured, its OpenID Connect discovery document is named too. Feedback pages and the web
 * app's sign-in settings need none.
 */
public class ApiDocFilter implements OASFilter {
    static final String BEARER = "bearer";
    static final String OIDC = "oidc";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) api.setComponents(OASFactory.createComponents());
        // Replace the scheme the JWT extension adds on its own: one name, one description.
        api.getComponents().setSecuritySchemes(null);
        api.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("Authorization: Bearer <token> — an API token (the demo tokens when demo users are on) or a signed JWT "
                        + "of the configured identity provider. A token in the URL is refused."));
        Optional<String> issuer = ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.issuer", String.class);
        issuer.ifPresent(i -> api.getComponents().addSecurityScheme(OIDC, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OPENIDCONNECT).openIdConnectUrl(i.replaceAll("/+$", "") + "/.well-known/openid-configuration")
                .description("A JWT access token from the identity provider, sent as a bearer token")));
        // Jackson's tree types (a metric query as sent, an audit entry's query) are free-form JSON, not the Java class's getters.
        if (api.getComponents().getSchemas() != null) {
            for (String tree : List.of("JsonNode", "ObjectNode")) {
                if (api.getComponents().getSchemas().containsKey(tree)) {
                    api.getComponents().addSchema(tree, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                            .additionalPropertiesSchema(OASFactory.createSchema()).description("any JSON value (a metric query, as sent)"));
                }
            }
            api.getComponents().removeSchema("JsonNodeType");
        }
        List<SecurityRequirement> security = new ArrayList<>();
        security.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
        issuer.ifPresent(i -> security.add(OASFactory.createSecurityRequirement().addScheme(OIDC)));
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) return;
        api.setSecurity(null);
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) return;
            for (Operation op : item.getOperations().values()) {
                op.setSecurity(new ArrayList<>(security));
                if (op.getResponses() != null && op.getResponses().getAPIResponse("401") == null) {
                    op.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                            .description("no token, or a token that is not valid (the body says why)"));
                }
            }
        });
    }
}
