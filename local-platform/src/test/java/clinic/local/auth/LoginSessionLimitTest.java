package clinic.local.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 7, at the issuer: every login flow started keeps a server session until it times out. With a
 * ceiling (here 3 instead of 10,000, on an issuer of its own), one flow too many is a 503 while a person already
 * on the login form still signs in.
 */
class LoginSessionLimitTest {

    @TempDir
    static Path dataDir;

    private static RunningAuthServer server;

    @BeforeAll
    static void start() {
        server = RunningAuthServer.start(dataDir, "--clinic.web.sessions.max-active=3");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneLoginFlowTooManyIsRefusedWith503AndFlowsInProgressCarryOn() {
        Browser signingIn = new Browser(server);
        assertThat(signingIn.followUntilClient(Browser.authorizePath(Pkce.generate()))).endsWith("/login");
        for (int flow = 0; flow < 2; flow++) {
            assertThat(new Browser(server).get(Browser.authorizePath(Pkce.generate())).statusCode())
                    .as("flow %d", flow).isEqualTo(302);
        }

        HttpResponse<String> oneTooMany = new Browser(server).get(Browser.authorizePath(Pkce.generate()));

        assertThat(oneTooMany.statusCode()).isEqualTo(503);
        assertThat(oneTooMany.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> login = signingIn.submitLogin("patient-demo", "patient-demo");
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(server.get("/oauth2/jwks").statusCode()).as("sessionless endpoints").isEqualTo(200);
    }
}
