package clinic.local.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static clinic.local.auth.RunningAuthServer.json;
import static clinic.local.auth.RunningAuthServer.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery, JWKS and the machine clients' client-credentials grant, over real HTTP. */
class ClientCredentialsTest {

    private static final List<String> SERVICES = List.of("intake-service", "triage-service", "notification-service");

    @TempDir
    static Path dataDir;

    private static RunningAuthServer server;

    @BeforeAll
    static void start() {
        server = RunningAuthServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void discoveryDocumentNamesTheIssuerItsEndpointsAndPkceS256() throws Exception {
        HttpResponse<String> response = server.get("/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> discovery = json(response.body());
        assertThat(discovery.get("issuer")).isEqualTo(server.issuer());
        assertThat(discovery.get("jwks_uri")).isEqualTo(server.issuer() + "/oauth2/jwks");
        assertThat(discovery.get("token_endpoint")).isEqualTo(server.issuer() + "/oauth2/token");
        assertThat(discovery.get("authorization_endpoint")).isEqualTo(server.issuer() + "/oauth2/authorize");
        assertThat((List<Object>) discovery.get("code_challenge_methods_supported")).contains("S256");
    }

    @Test
    void jwksPublishesOnlyThePublicHalfOfAnRs256Key() throws Exception {
        List<JWK> keys = server.jwks().getKeys();

        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(keys.get(0).isPrivate()).isFalse();
    }

    @Test
    void eachTokenNamesOnlyTheServicesItsScopesAreFor() throws Exception {
        assertThat(audienceOf("clinic-integration", "clinic-integration-secret", "triage:read"))
                .containsExactly("triage-service");
        assertThat(audienceOf("clinic-integration", "clinic-integration-secret", "reports:read notifications:read"))
                .containsExactlyInAnyOrder("intake-service", "notification-service");
        assertThat(audienceOf("notification-service", "notification-service-secret", "patients:contact"))
                .containsExactly("intake-service");
        assertThat(audienceOf("clinic-metrics", "clinic-metrics-secret", "metrics:read"))
                .containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    private java.util.List<String> audienceOf(String client, String secret, String scope) throws Exception {
        HttpResponse<String> response = server.tokenRequest(client, secret,
                params("grant_type", "client_credentials", "scope", scope));
        assertThat(response.statusCode()).as(client).isEqualTo(200);
        return server.verify((String) json(response.body()).get("access_token")).getAudience();
    }

    @Test
    void integrationClientGetsASignedTokenForTheServicesOfItsScopesAndNoRoles() throws Exception {
        HttpResponse<String> response = server.tokenRequest("clinic-integration", "clinic-integration-secret",
                params("grant_type", "client_credentials", "scope", "reports:write reports:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(response.body());
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        JWTClaimsSet claims = server.verify((String) body.get("access_token"));
        assertThat(claims.getSubject()).isEqualTo("clinic-integration");
        assertThat(claims.getAudience()).as("report scopes are for intake only").containsExactly("intake-service");
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("reports:write", "reports:read");
        assertThat(claims.getStringListClaim("roles")).isEmpty();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    /** CDS Hooks 2.0: the EHR's token is for triage's CDS service alone, short-lived, with a kid and a unique jti. */
    @Test
    void ehrClientGetsCdsHooksTokensAddressedToTriagesCdsServiceOnly() throws Exception {
        String first = ehrToken();
        String second = ehrToken();

        JWTClaimsSet claims = server.verify(first);
        assertThat(claims.getAudience()).containsExactly("http://localhost:8082/cds-services/heel-pain-triage");
        assertThat(claims.getIssuer()).isEqualTo(server.issuer());
        assertThat(claims.getStringListClaim("scope")).containsExactly("cds:invoke");
        assertThat(claims.getJWTID()).isNotBlank().isNotEqualTo(server.verify(second).getJWTID());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isPositive().isLessThanOrEqualTo(300_000);
        assertThat(SignedJWT.parse(first).getHeader().getKeyID()).isNotBlank();
    }

    @Test
    void ehrClientGetsNoClinicApiScope() throws Exception {
        HttpResponse<String> response = server.tokenRequest("clinic-ehr", "clinic-ehr-secret",
                params("grant_type", "client_credentials", "scope", "triage:read"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_scope");
    }

    private String ehrToken() throws Exception {
        HttpResponse<String> response = server.tokenRequest("clinic-ehr", "clinic-ehr-secret",
                params("grant_type", "client_credentials", "scope", "cds:invoke"));
        assertThat(response.statusCode()).isEqualTo(200);
        return (String) json(response.body()).get("access_token");
    }

    @Test
    void integrationClientMayAlsoSendItsSecretInTheForm() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(RunningAuthServer.form(params(
                        "grant_type", "client_credentials", "client_id", "clinic-integration",
                        "client_secret", "clinic-integration-secret", "scope", "triage:read notifications:read"))))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = server.verify((String) json(response.body()).get("access_token"));
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("triage:read", "notifications:read");
    }

    @Test
    void notificationServiceGetsOnlyThePatientContactScope() throws Exception {
        HttpResponse<String> response = server.tokenRequest("notification-service", "notification-service-secret",
                params("grant_type", "client_credentials", "scope", "patients:contact"));

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = server.verify((String) json(response.body()).get("access_token"));
        assertThat(claims.getSubject()).isEqualTo("notification-service");
        assertThat(claims.getStringListClaim("scope")).containsExactly("patients:contact");
        assertThat(claims.getStringListClaim("roles")).isEmpty();
    }

    @Test
    void wrongSecretIsRefusedWith401() throws Exception {
        HttpResponse<String> response = server.tokenRequest("clinic-integration", "not-the-secret",
                params("grant_type", "client_credentials", "scope", "reports:read"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void unknownClientIsRefusedWith401() throws Exception {
        HttpResponse<String> response = server.tokenRequest("somebody", "clinic-integration-secret",
                params("grant_type", "client_credentials"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_client");
    }

    @Test
    void scopeTheClientWasNotGrantedIsInvalidScope() throws Exception {
        HttpResponse<String> response = server.tokenRequest("clinic-integration", "clinic-integration-secret",
                params("grant_type", "client_credentials", "scope", "reports:read patients:contact"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_scope");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void notificationServiceCannotReachTheIntegrationScopes() throws Exception {
        HttpResponse<String> response = server.tokenRequest("notification-service", "notification-service-secret",
                params("grant_type", "client_credentials", "scope", "reports:write"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_scope");
    }

    @Test
    void webClientCannotUseClientCredentials() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=clinic-web"))
                .build());

        // a public client has no secret to authenticate with, so the token endpoint treats it as anonymous
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void tokenWithAlteredClaimsFailsVerification() throws Exception {
        String token = (String) json(server.tokenRequest("clinic-integration", "clinic-integration-secret",
                params("grant_type", "client_credentials", "scope", "reports:read")).body()).get("access_token");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"roles\":[]", "\"roles\":[\"OPS\"]");
        assertThat(payload).contains("OPS");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThatThrownBy(() -> server.verify(forged)).isInstanceOf(BadJOSEException.class);
    }
}
