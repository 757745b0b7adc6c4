package clinic.local.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static clinic.local.auth.RunningAuthServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web pages' login: authorization code with PKCE for the public client {@code clinic-web}, driven over
 * HTTP as a browser would (cookies, login form, CSRF token, redirects).
 */
class AuthorizationCodeFlowTest {

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
    void patientLogsInWithPkceAndGetsATokenWithTheirIdAndThePatientRole() throws Exception {
        Browser browser = new Browser(server);
        Pkce pkce = Pkce.generate();

        String code = browser.authorize(pkce, "patient-demo", "patient-demo");
        HttpResponse<String> response = browser.exchange(code, pkce.verifier());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> tokens = json(response.body());
        JWTClaimsSet access = server.verify((String) tokens.get("access_token"));
        assertThat(access.getSubject()).isEqualTo("patient-demo");
        assertThat(access.getStringListClaim("roles")).containsExactly("PATIENT");
        assertThat(access.getAudience()).as("a patient uses intake only").containsExactly("intake-service");
        assertThat(access.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "reports:write", "reports:read");

        JWTClaimsSet id = server.verify((String) tokens.get("id_token"));
        assertThat(id.getAudience()).containsExactly("clinic-web");
        assertThat(id.getStringListClaim("roles")).containsExactly("PATIENT");
    }

    @Test
    void theLoginSessionCookieIsSameSiteLaxAndHttpOnly() {
        HttpResponse<String> loginPage = server.get("/login");

        assertThat(loginPage.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("CLINIC_AUTH_SESSION=").containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void userinfoAnswersForTheLoggedInPatientOnlyWithTheirAccessToken() throws Exception {
        Browser browser = new Browser(server);
        Pkce pkce = Pkce.generate();
        String code = browser.authorize(pkce, "patient-demo", "patient-demo");
        String accessToken = (String) json(browser.exchange(code, pkce.verifier()).body()).get("access_token");

        HttpResponse<String> withToken = server.send(HttpRequest.newBuilder(server.uri("/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
        HttpResponse<String> withoutToken = server.send(HttpRequest.newBuilder(server.uri("/userinfo")).GET().build());

        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(json(withToken.body()).get("sub")).isEqualTo("patient-demo");
        assertThat(withoutToken.statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource({"clinician-demo, CLINICIAN", "ops-demo, OPS"})
    void staffAccountsCarryTheirOwnRole(String username, String role) throws Exception {
        Browser browser = new Browser(server);
        Pkce pkce = Pkce.generate();

        String code = browser.authorize(pkce, username, username);
        JWTClaimsSet access = server.verify((String) json(browser.exchange(code, pkce.verifier()).body()).get("access_token"));

        assertThat(access.getSubject()).isEqualTo(username);
        assertThat(access.getStringListClaim("roles")).containsExactly(role);
        assertThat(access.getAudience()).containsExactlyInAnyOrder("intake-service", "triage-service",
                "notification-service");
    }

    @Test
    void authorizationRequestWithoutPkceIsRefused() {
        Browser browser = new Browser(server);

        String location = browser.followUntilClient(Browser.authorizePath(null));

        assertThat(location).startsWith(Browser.REDIRECT_URI).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void codeCannotBeRedeemedWithoutTheVerifier() throws Exception {
        Browser browser = new Browser(server);
        String code = browser.authorize(Pkce.generate(), "patient-demo", "patient-demo");

        HttpResponse<String> response = browser.exchange(code, null);

        // a public client proves itself with the verifier: without one it is not authenticated at all
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void codeCannotBeRedeemedWithAnotherVerifier() throws Exception {
        Browser browser = new Browser(server);
        String code = browser.authorize(Pkce.generate(), "patient-demo", "patient-demo");

        HttpResponse<String> response = browser.exchange(code, Pkce.generate().verifier());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("error")).isEqualTo("invalid_grant");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void codeIsSingleUse() throws Exception {
        Browser browser = new Browser(server);
        Pkce pkce = Pkce.generate();
        String code = browser.authorize(pkce, "patient-demo", "patient-demo");

        HttpResponse<String> first = browser.exchange(code, pkce.verifier());
        HttpResponse<String> replay = browser.exchange(code, pkce.verifier());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay.body()).get("error")).isEqualTo("invalid_grant");
    }

    @Test
    void wrongPasswordDoesNotLogIn() {
        Browser browser = new Browser(server);
        String loginPage = browser.followUntilClient(Browser.authorizePath(Pkce.generate()));
        assertThat(loginPage).isEqualTo(server.issuer() + "/login");

        HttpResponse<String> login = browser.submitLogin("patient-demo", "clinician-demo");

        assertThat(login.headers().firstValue("Location")).hasValue(server.issuer() + "/login?error");
        // still anonymous: authorizing again lands on the login form, not on the client with a code
        assertThat(browser.followUntilClient(Browser.authorizePath(Pkce.generate()))).isEqualTo(server.issuer() + "/login");
    }

    @Test
    void unregisteredRedirectUriIsNeverRedirectedTo() {
        Browser browser = new Browser(server);
        String path = Browser.authorizePath(Pkce.generate()).replace("localhost%3A8081", "evil.example");

        HttpResponse<String> response = browser.get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void thePatientPagesGetCodesAtTheirExactAddressOnlyNotAtAnyLoopbackPort() {
        Browser browser = new Browser(server);
        for (String elsewhere : new String[] {"127.0.0.1%3A4444", "127.0.0.1%3A8081", "localhost%3A4444"}) {
            String path = Browser.authorizePath(Pkce.generate()).replace("localhost%3A8081", elsewhere);

            HttpResponse<String> response = browser.get(path);

            assertThat(response.statusCode()).as(elsewhere).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(elsewhere).isEmpty();
        }
    }

    @Test
    void loginFormIsProtectedByACsrfToken() {
        Browser browser = new Browser(server);
        browser.followUntilClient(Browser.authorizePath(Pkce.generate()));

        HttpResponse<String> withoutToken = browser.post("/login", Map.of("username", "patient-demo", "password", "patient-demo"));

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(browser.followUntilClient(Browser.authorizePath(Pkce.generate()))).isEqualTo(server.issuer() + "/login");
    }
}
