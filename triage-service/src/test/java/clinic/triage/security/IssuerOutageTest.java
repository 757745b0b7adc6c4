package clinic.triage.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the issuer is unreachable a well-formed token cannot be checked: that is the issuer's outage, not
 * the caller's fault, so the answer is 503 with Retry-After (not 401, which would send a user to log in
 * again, and not a 500 error page). A token that is no JWT at all is still refused with 401. The service
 * runs with the production kind of configuration (issuer URI only) and nothing listening there; no Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=triage",
        "spring.datasource.url=jdbc:h2:mem:triage-no-issuer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:1/issuer-is-down",
        "spring.kafka.bootstrap-servers=localhost:1",
        "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false",
        "clinic.outbox.relay.enabled=false"})
class IssuerOutageTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWellFormedTokenThatCannotBeCheckedIsAServiceUnavailableProblemAuditedAsFailed() throws Exception {
        UUID reportId = UUID.randomUUID();

        HttpResponse<String> response = decision(reportId, TestIssuer.shared().clinician("dr-outage"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"detail\":\"The token cannot be checked right now; try again shortly.\"}");
        assertThat(jdbc.queryForList("select outcome || ' ' || http_status from audit_event where object_id = ?",
                String.class, reportId.toString())).containsExactly("FAILED 503");
    }

    @Test
    void aTokenThatIsNoJwtIsStillUnauthorizedWhileTheIssuerIsDown() throws Exception {
        UUID reportId = UUID.randomUUID();

        HttpResponse<String> response = decision(reportId, "not-a-jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer"));
        assertThat(response.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,")
                .doesNotContain("Exception");
        assertThat(jdbc.queryForList("select outcome from audit_event where object_id = ?", String.class,
                reportId.toString())).containsExactly("UNAUTHENTICATED");
    }

    private HttpResponse<String> decision(UUID reportId, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/triage-decisions/" + reportId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
