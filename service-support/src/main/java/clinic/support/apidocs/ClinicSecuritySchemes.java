package clinic.support.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The two ways to call a clinic API, as the document's security schemes and its global requirement (either
 * one): {@code oauth2}, a person's login (authorization code with PKCE, public client {@code clinic-api-docs})
 * or a machine client's token (client credentials), both at the configured issuer; and {@code bearer}, a JWT
 * pasted in. springdoc builds the document once and keeps it; the issuer's addresses in it are read from
 * {@link IssuerEndpoints} each time the document is written ({@link IssuerFlow}), so a document first built while
 * the issuer was down shows the discovered addresses once the issuer answers.
 */
public final class ClinicSecuritySchemes implements OpenApiCustomizer {

    public static final String OAUTH2 = "oauth2";
    public static final String BEARER = "bearer";

    private final IssuerEndpoints issuer;
    private final ApiDocsProperties properties;

    public ClinicSecuritySchemes(IssuerEndpoints issuer, ApiDocsProperties properties) {
        this.issuer = issuer;
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Scopes personScopes = new Scopes();
        personScopes.addString("openid", "Your identity (always asked for)");
        properties.authorizationCodeScopes().forEach(personScopes::addString);
        OAuthFlows flows = new OAuthFlows().authorizationCode(new IssuerFlow(issuer, true).scopes(personScopes));
        if (!properties.clientCredentialsScopes().isEmpty()) {
            Scopes clientScopes = new Scopes();
            properties.clientCredentialsScopes().forEach(clientScopes::addString);
            flows.clientCredentials(new IssuerFlow(issuer, false).scopes(clientScopes));
        }
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components
                .addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                        .description("Log in at the clinic's issuer (" + issuer.issuer() + ")")
                        .flows(flows))
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("An access token of the clinic's issuer")));
        // either scheme will do: two requirements, not one naming both. No scopes named: which one a route needs
        // is in its description and the route tables, and depends on whether a person or a client calls
        openApi.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(OAUTH2),
                new SecurityRequirement().addList(BEARER))));
    }

    /**
     * An OAuth2 flow whose addresses are the issuer's at the moment the document is written (springdoc writes its
     * kept document with Jackson, which reads them through these getters).
     */
    static final class IssuerFlow extends OAuthFlow {

        private final transient IssuerEndpoints issuer;
        private final transient boolean authorizes;

        IssuerFlow(IssuerEndpoints issuer, boolean authorizes) {
            this.issuer = issuer;
            this.authorizes = authorizes;
        }

        @Override
        public String getAuthorizationUrl() {
            return authorizes ? issuer.endpoints().authorizationUrl() : null;
        }

        @Override
        public String getTokenUrl() {
            return issuer.endpoints().tokenUrl();
        }

        @Override
        public IssuerFlow scopes(Scopes scopes) {
            setScopes(scopes);
            return this;
        }
    }
}
