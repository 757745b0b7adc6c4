package clinic.triage.persistence;

import clinic.events.triage.Disposition;
import clinic.events.triage.TriageDecisionMade;
import clinic.support.testing.TestIssuer;
import clinic.triage.TriageApplication;
import clinic.triage.decision.Triage;
import clinic.support.outbox.Outbox;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code postgres} profile on a real PostgreSQL: Flyway migrates, Hibernate validates the mapping,
 * a decision survives the round trip through the database and the REST API, and the audit table is
 * append-only. The service starts before its OAuth2 issuer is reachable. Kafka is not needed.
 */
class PostgresProfileTest {

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    private static TestIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        int issuerPort = freePort();
        // Only the issuer URI, as in production, and nobody answers there yet: the service must start anyway
        // and find the issuer's keys once it is up.
        app = TriageApplication.application().profiles("postgres").run(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:" + issuerPort,
                "--SPRING_DATASOURCE_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--SPRING_DATASOURCE_USERNAME=postgres",
                "--SPRING_DATASOURCE_PASSWORD=postgres",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=localhost:1",
                "--spring.kafka.admin.auto-create=false",
                "--spring.kafka.listener.auto-startup=false",
                "--clinic.outbox.relay.enabled=false");
        issuer = TestIssuer.startOn(issuerPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (issuer != null) {
            issuer.stop();
        }
    }

    @Test
    void migratesValidatesAndRoundTripsADecision() throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForList("select script from flyway_schema_history where success", String.class))
                .containsExactly("V5__triage_decision.sql", "V6__decision_owner.sql", "V7__cds_hooks.sql");
        assertThat(jdbc.queryForObject("select count(*) from support_schema_history where success "
                + "and script = 'V4__audit_event_append_only.sql'", Integer.class)).isEqualTo(1);

        UUID reportId = UUID.randomUUID();
        Triage triage = app.getBean(Triage.class);
        assertThat(triage.decide(ReportEvents.incoming(reportId, Answers.achillesPicture().diabetes().build())))
                .isEqualTo(Triage.Result.DECIDED);
        assertThat(triage.decide(ReportEvents.incoming(reportId, Answers.achillesPicture().build())))
                .isEqualTo(Triage.Result.ALREADY_DECIDED);

        TriageDecisionMade decision = triage.decisionFor(reportId).orElseThrow();
        assertThat(decision.disposition()).isEqualTo(Disposition.ROUTINE_REVIEW);
        assertThat(jdbc.queryForObject("select disposition from triage_decision where report_id = ?", String.class,
                reportId)).isEqualTo("ROUTINE_REVIEW");
        assertThat(jdbc.queryForObject("select decided_at = ? from triage_decision where report_id = ?",
                Boolean.class, java.sql.Timestamp.from(decision.decidedAt()), reportId)).isTrue();
        assertThat(app.getBean(Outbox.class).entriesFor(reportId.toString())).hasSize(1);

        String port = app.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/triage-decisions/" + reportId))
                .header("Authorization", "Bearer " + issuer.clinician("dr-postgres")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"disposition\":\"ROUTINE_REVIEW\"", "RT-DIABETES");
        assertThat(jdbc.queryForObject("select outcome from audit_event where object_id = ? and actor = ?",
                String.class, reportId.toString(), "dr-postgres")).isEqualTo("ALLOWED");
    }

    @Test
    void theAuditTableRefusesUpdateDeleteAndTruncate() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        String objectId = UUID.randomUUID().toString();
        jdbc.update("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status)"
                + " values (now(), 'dr-x', 'CLINICIAN', 'DECISION_READ', ?, 'ALLOWED', 200)", objectId);

        assertThatThrownBy(() -> jdbc.update("update audit_event set outcome = 'DENIED' where object_id = ?",
                objectId)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event where object_id = ?", objectId))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event")).hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select outcome from audit_event where object_id = ?", String.class,
                objectId)).isEqualTo("ALLOWED");
    }
}
