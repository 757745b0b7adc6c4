package clinic.intake.security;

import clinic.intake.IntakeHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the issuer is unreachable a well-formed token cannot be checked: that is the issuer's outage, not
 * the caller's fault, so the answer is 503 with Retry-After (not 401, which would send a user to log in
 * again, and not a 500 error page). A token that is no JWT at all is still refused with 401.
 * Same configuration as {@link StartsWithoutIssuerTest}, so both share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=intake",
        "spring.datasource.url=jdbc:h2:mem:intake-no-issuer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:1/issuer-is-down",
        "spring.security.oauth2.client.provider.clinic.issuer-uri=http://localhost:1/issuer-is-down",
        "spring.kafka.bootstrap-servers=localhost:1",
        "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false",
        "clinic.outbox.relay.enabled=false"})
class IssuerOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWellFormedTokenThatCannotBeCheckedIsAServiceUnavailableProblemAuditedAsFailed() {
        String reportId = UUID.randomUUID().toString();

        HttpResponse<String> response = new IntakeHttp(port).as(TestIssuer.get().clinician("dr-outage"))
                .get(IntakeHttp.REPORTS + "/" + reportId);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"detail\":\"The token cannot be checked right now; try again shortly.\"}");
        assertThat(jdbc.sql("select outcome, http_status from audit_event where object_id = ?").param(reportId)
                .query((row, n) -> row.getString(1) + " " + row.getInt(2)).list())
                .containsExactly("FAILED 503");
    }

    @Test
    void aTokenThatIsNoJwtIsStillUnauthorizedWhileTheIssuerIsDown() {
        String reportId = UUID.randomUUID().toString();

        HttpResponse<String> response = new IntakeHttp(port).as("not-a-jwt")
                .get(IntakeHttp.REPORTS + "/" + reportId);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer"));
        assertThat(response.body()).contains("\"title\":\"Unauthorized\"").doesNotContain("Exception");
        assertThat(jdbc.sql("select outcome from audit_event where object_id = ?").param(reportId)
                .query(String.class).list()).containsExactly("UNAUTHENTICATED");
    }
}
