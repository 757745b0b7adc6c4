package clinic.support.security;

import clinic.support.securedapi.Http;
import clinic.support.securedapi.SecuredApiApplication;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the issuer is unreachable a well-formed token cannot be checked: that is the issuer's outage, not the
 * caller's fault, so the answer is 503 with Retry-After (not 401, which would send a user to log in again, and
 * not a 500 error page). A token that is no JWT at all is still refused with 401. The service runs with the
 * production kind of configuration (issuer URI only) and nothing listening there: it starts all the same.
 */
@SpringBootTest(classes = SecuredApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:secured-api-no-issuer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:1/issuer-is-down"})
class IssuerOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JwtDecoder decoder;

    @Test
    void startsWhileTheIssuerIsDownAndAsksForItsKeysOnlyWhenATokenArrives() {
        assertThat(decoder).isInstanceOf(SupplierJwtDecoder.class);
        assertThat(new Http(port, null).get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aWellFormedTokenThatCannotBeCheckedIsAServiceUnavailableProblemAuditedAsFailed() {
        String recordId = UUID.randomUUID().toString();

        HttpResponse<String> response = new Http(port, TestIssuer.get().clinician("dr-outage"))
                .get("/api/v1/records/" + recordId);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"detail\":\"The token cannot be checked right now; try again shortly.\"}");
        assertThat(jdbc.sql("select actor, outcome, http_status from audit_event where object_id = ?").param(recordId)
                .query((row, n) -> row.getString(1) + " " + row.getString(2) + " " + row.getInt(3)).list())
                .containsExactly("anonymous FAILED 503");
    }

    @Test
    void aTokenThatIsNoJwtIsStillUnauthorizedWhileTheIssuerIsDown() {
        String recordId = UUID.randomUUID().toString();

        HttpResponse<String> response = new Http(port, "not-a-jwt").get("/api/v1/records/" + recordId);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer"));
        assertThat(response.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,")
                .doesNotContain("Exception");
        assertThat(jdbc.sql("select outcome from audit_event where object_id = ?").param(recordId)
                .query(String.class).list()).containsExactly("UNAUTHENTICATED");
    }
}
