package clinic.triage.persistence;

import clinic.events.triage.Disposition;
import clinic.events.triage.TriageDecisionMade;
import clinic.triage.TriageApplication;
import clinic.triage.decision.Triage;
import clinic.triage.outbox.Outbox;
import clinic.triage.outbox.OutboxTestDatabase;
import clinic.triage.outbox.RelayRace;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code postgres} profile on a real PostgreSQL: Flyway migrates, Hibernate validates the mapping,
 * and a decision survives the round trip through the database and the REST API. Kafka is not needed.
 */
class PostgresProfileTest {

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        app = TriageApplication.application().profiles("postgres").run(
                "--SPRING_DATASOURCE_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--SPRING_DATASOURCE_USERNAME=postgres",
                "--SPRING_DATASOURCE_PASSWORD=postgres",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=localhost:1",
                "--spring.kafka.admin.auto-create=false",
                "--spring.kafka.listener.auto-startup=false",
                "--clinic.outbox.relay.enabled=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoOutboxRelaysDrainABacklogOnPostgresqlWithNothingLostAndNothingSentTwice() {
        RelayRace.Result race = RelayRace.drain(
                OutboxTestDatabase.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "relay_race"),
                500, 25);

        assertThat(race.pendingAfter()).isZero();
        assertThat(race.sendsPerEventId().keySet())
                .containsExactlyInAnyOrderElementsOf(race.inserted().stream().map(UUID::toString).toList());
        assertThat(race.duplicates()).as("FOR UPDATE SKIP LOCKED keeps the claims apart").isZero();
        assertThat(race.sentByFirst()).isPositive();
        assertThat(race.sentBySecond()).isPositive();
    }

    @Test
    void migratesValidatesAndRoundTripsADecision() throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isPositive();

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
                URI.create("http://localhost:" + port + "/api/v1/triage-decisions/" + reportId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"disposition\":\"ROUTINE_REVIEW\"", "RT-DIABETES");
    }
}
