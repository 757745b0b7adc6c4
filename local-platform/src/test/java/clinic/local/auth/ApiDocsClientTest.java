package clinic.local.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static clinic.local.auth.RunningAuthServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' Swagger UIs log in at the local issuer as the public client {@code clinic-api-docs}: authorization
 * code with PKCE, redirected to springdoc's redirect page on a service's origin, and the code redeemed by the
 * page's script, cross-origin, which CORS allows for the services' origins (the issuer's default ones: 8081-8083)
 * and no others.
 */
class ApiDocsClientTest {

    static final String TRIAGE_UI = "http://localhost:8082";
    static final String SWAGGER_REDIRECT = TRIAGE_UI + "/swagger-ui/oauth2-redirect.html";
    static final String SCOPE = "openid reports:write reports:read";

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
    void aDemoPersonLogsInThroughASwaggerUiWithPkce() throws Exception {
        Browser browser = new Browser(server, "clinic-api-docs", SWAGGER_REDIRECT, SCOPE);
        Pkce pkce = Pkce.generate();

        String code = browser.authorize(pkce, "clinician-demo", "clinician-demo");
        HttpResponse<String> response = browser.exchange(code, pkce.verifier());

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet access = server.verify((String) json(response.body()).get("access_token"));
        assertThat(access.getSubject()).isEqualTo("clinician-demo");
        assertThat(access.getStringListClaim("roles")).containsExactly("CLINICIAN");
        assertThat(access.getAudience()).contains("triage-service");
    }

    @Test
    void theSwaggerUiMayBeOpenedAt127001Too() throws Exception {
        String redirect = "http://127.0.0.1:8083/swagger-ui/oauth2-redirect.html";
        Browser browser = new Browser(server, "clinic-api-docs", redirect, SCOPE);
        Pkce pkce = Pkce.generate();

        String code = browser.authorize(pkce, "patient-demo", "patient-demo");

        assertThat(browser.exchange(code, pkce.verifier()).statusCode()).isEqualTo(200);
    }

    @Test
    void theCodeIsNotRedeemedWithoutTheVerifier() throws Exception {
        Browser browser = new Browser(server, "clinic-api-docs", SWAGGER_REDIRECT, SCOPE);
        String code = browser.authorize(Pkce.generate(), "patient-demo", "patient-demo");

        HttpResponse<String> response = browser.exchange(code, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void aRedirectUriOffTheServicesIsRefusedBeforeAnyLogin() {
        Browser browser = new Browser(server);
        String foreign = "http://localhost:9999/swagger-ui/oauth2-redirect.html";
        String path = "/oauth2/authorize?response_type=code&client_id=clinic-api-docs&redirect_uri="
                + URLEncoder.encode(foreign, StandardCharsets.UTF_8) + "&scope=openid&state=s"
                + "&code_challenge=" + Pkce.generate().challenge() + "&code_challenge_method=S256";

        HttpResponse<String> response = browser.get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aServiceOriginMayPostToTheTokenEndpoint() {
        HttpResponse<String> preflight = preflight("/oauth2/token", TRIAGE_UI);

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(TRIAGE_UI);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("content-type", "x-requested-with");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void theTokenAnswerAndDiscoveryAreReadableFromAServiceOrigin() throws Exception {
        Browser browser = new Browser(server, "clinic-api-docs", SWAGGER_REDIRECT, SCOPE);
        Pkce pkce = Pkce.generate();
        String code = browser.authorize(pkce, "patient-demo", "patient-demo");

        HttpResponse<String> token = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Origin", TRIAGE_UI)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(RunningAuthServer.form(Map.of("grant_type",
                        "authorization_code", "code", code, "redirect_uri", SWAGGER_REDIRECT,
                        "client_id", "clinic-api-docs", "code_verifier", pkce.verifier())))).build());
        HttpResponse<String> discovery = server.send(HttpRequest.newBuilder(
                server.uri("/.well-known/openid-configuration")).header("Origin", TRIAGE_UI).GET().build());

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).contains(TRIAGE_UI);
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).contains(TRIAGE_UI);
    }

    @Test
    void anotherOriginIsRefused() {
        HttpResponse<String> preflight = preflight("/oauth2/token", "http://evil.example");
        HttpResponse<String> otherPort = preflight("/oauth2/token", "http://localhost:8084");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(otherPort.statusCode()).isEqualTo(403);
        assertThat(otherPort.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void noOtherAddressOfTheIssuerAnswersCrossOrigin() {
        for (String path : new String[] {"/oauth2/authorize", "/userinfo", "/login", "/oauth2/jwks"}) {
            HttpResponse<String> preflight = preflight(path, TRIAGE_UI);

            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    private static HttpResponse<String> preflight(String path, String origin) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-requested-with")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
