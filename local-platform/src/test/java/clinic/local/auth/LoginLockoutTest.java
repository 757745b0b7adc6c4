package clinic.local.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form against password guessing, over real HTTP on an issuer of its own (an account locked here
 * must not disturb the other login tests): after a run of wrong passwords, even the right one is refused.
 */
class LoginLockoutTest {

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
    void aRunOfWrongPasswordsLocksTheAccountEvenAgainstTheRightOne() {
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(login("patient-demo", "guess-" + attempt)).as("guess %d", attempt).endsWith("/login?error");
        }

        assertThat(login("patient-demo", "patient-demo")).as("right password, locked account").endsWith("/login?error");
        assertThat(login("clinician-demo", "clinician-demo")).as("another account").doesNotContain("error");
    }

    /** Where the login form sends the browser after a login attempt. */
    private static String login(String username, String password) {
        Browser browser = new Browser(server);
        browser.followUntilClient(Browser.authorizePath(Pkce.generate()));
        HttpResponse<String> response = browser.submitLogin(username, password);
        return response.headers().firstValue("Location").orElse("");
    }
}
