package clinic.local.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code local-platform.jar token <user>}: a demo person's access token through the real login form and PKCE. */
class DemoLoginTest {

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
    void aClinicianGetsASignedTokenNamingThemWithTheirRoleForEveryService() throws Exception {
        JWTClaimsSet claims = server.verify(DemoLogin.accessToken(server.issuer(), "clinician-demo", "clinician-demo"));

        assertThat(claims.getSubject()).isEqualTo("clinician-demo");
        assertThat(claims.getStringListClaim("roles")).containsExactly("CLINICIAN");
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("intake-service", "triage-service",
                "notification-service");
    }

    @Test
    void eachDemoPersonGetsTheirOwnRole() throws Exception {
        assertThat(server.verify(DemoLogin.accessToken(server.issuer(), "patient-demo", "patient-demo"))
                .getStringListClaim("roles")).containsExactly("PATIENT");
        assertThat(server.verify(DemoLogin.accessToken(server.issuer(), "ops-demo", "ops-demo"))
                .getStringListClaim("roles")).containsExactly("OPS");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> DemoLogin.accessToken(server.issuer(), "clinician-demo", "guess"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Login refused");
    }

    @Test
    void anUnreachableIssuerIsReportedAsSuch() {
        assertThatThrownBy(() -> DemoLogin.accessToken("http://localhost:1", "clinician-demo", "clinician-demo"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot reach the issuer");
    }
}
