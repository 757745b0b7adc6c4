package clinic.local.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.time.Duration;
import java.util.List;

/**
 * The OAuth2 clients of local mode: the patient web pages, the command-line login of the demo accounts,
 * scripts and integrations, metrics scraping, service-to-service, and an EHR for triage's CDS Hooks service.
 */
@Configuration(proxyBeanMethods = false)
class DemoClients {

    @Bean
    RegisteredClientRepository demoClients(PasswordEncoder passwordEncoder,
                                           @Value("${clinic.auth.web-redirect-uris}") List<String> webRedirectUris,
                                           @Value("${clinic.auth.api-docs-origins}") List<String> apiDocsOrigins) {
        return new InMemoryRegisteredClientRepository(
                clinicWeb(webRedirectUris),
                clinicCli(),
                clinicApiDocs(apiDocsOrigins),
                machineClient("clinic-integration", passwordEncoder.encode("clinic-integration-secret"),
                        "reports:write", "reports:read", "triage:read", "notifications:read"),
                machineClient("clinic-metrics", passwordEncoder.encode("clinic-metrics-secret"), "metrics:read"),
                machineClient("notification-service", passwordEncoder.encode("notification-service-secret"),
                        "patients:contact", "cases:read"),
                ehrClient(passwordEncoder.encode("clinic-ehr-secret")));
    }

    /**
     * The services' web pages. A public client (no secret can be kept in a browser flow started from a
     * developer's machine), so proof of possession comes from PKCE, which is required. No consent page:
     * it is the clinic's own first-party app.
     */
    private static RegisteredClient clinicWeb(List<String> redirectUris) {
        RegisteredClient.Builder client = RegisteredClient.withId("clinic-web")
                .clientId("clinic-web")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
        redirectUris.forEach(client::redirectUri);
        return client.scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope("reports:write")
                .scope("reports:read")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                // a person filling in a form should not be sent back to the login page every 5 minutes
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build();
    }

    /**
     * {@code java -jar local-platform.jar token <demo user>} ({@link DemoLogin}): a native-app style public
     * client (RFC 8252) with PKCE. Its redirect URI is never listened on: the command reads the code from the
     * issuer's redirect response, as a browser would before following it.
     */
    private static RegisteredClient clinicCli() {
        return RegisteredClient.withId("clinic-cli")
                .clientId("clinic-cli")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(DemoLogin.REDIRECT_URI)
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build();
    }

    /** Where a service's Swagger UI receives the code: springdoc's redirect page, on the page's own origin. */
    static final String SWAGGER_REDIRECT_PATH = "/swagger-ui/oauth2-redirect.html";

    /**
     * The services' Swagger UIs ({@code /swagger-ui/index.html}): a public client like {@code clinic-web}, PKCE
     * required, with the scopes a person's token has, so a demo person tries the API as they would use it. Its
     * redirect URIs are on the services' origins only. An {@code http://127.0.0.1:<port>} one matches any port
     * of 127.0.0.1 (RFC 8252's loopback rule, which Spring Authorization Server applies), so a local process could
     * receive a code for this client; local mode with published demo accounts accepts that for the convenience of
     * opening the UI under either name.
     */
    private static RegisteredClient clinicApiDocs(List<String> origins) {
        RegisteredClient.Builder client = RegisteredClient.withId("clinic-api-docs")
                .clientId("clinic-api-docs")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
        origins.forEach(origin -> client.redirectUri(origin + SWAGGER_REDIRECT_PATH));
        return client.scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope("reports:write")
                .scope("reports:read")
                .clientSettings(ClientSettings.builder().requireProofKey(true)
                        .requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build();
    }

    /**
     * A stand-in EHR calling triage's CDS Hooks service: its tokens are addressed to that service's URL only
     * ({@link ClinicTokenClaims}) and live 5 minutes, the longest CDS Hooks allows.
     */
    private static RegisteredClient ehrClient(String encodedSecret) {
        return RegisteredClient.from(machineClient(ClinicTokenClaims.EHR_CLIENT, encodedSecret, "cds:invoke"))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build())
                .build();
    }

    private static RegisteredClient machineClient(String clientId, String encodedSecret, String... scopes) {
        RegisteredClient.Builder client = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret(encodedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        for (String scope : scopes) {
            client.scope(scope);
        }
        return client.build();
    }
}
