package clinic.intake;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import clinic.intake.outbox.OutboxTestDatabase;
import clinic.intake.outbox.RelayRace;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code postgres} profile on a real PostgreSQL (zonky embedded): the Flyway migrations run and
 * Hibernate's {@code ddl-auto=validate} accepts them, then a report makes the full round trip.
 */
@IntakeServiceTest
@ActiveProfiles("postgres")
class PostgresProfileTest {

    /** One PostgreSQL for this class's context; zonky stops it with a JVM shutdown hook. */
    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void postgresDataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void runsTheMigrationsOnPostgresql() {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        String product = jdbc.queryForObject("select version()", String.class);
        assertThat(product).startsWith("PostgreSQL");
        List<String> applied = jdbc.queryForList(
                "select script from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(applied).containsExactly("V1__symptom_report.sql", "V2__outbox_event.sql",
                "V3__processed_message.sql", "V4__outbox_claims.sql", "V5__self_care_plan.sql");
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns "
                + "where table_schema = 'public' and table_name = 'symptom_report' and column_name = 'id'", String.class)).isEqualTo("uuid");
    }

    @Test
    void twoOutboxRelaysDrainABacklogOnPostgresqlWithNothingLostAndNothingSentTwice() {
        RelayRace.Result race = RelayRace.drain(
                OutboxTestDatabase.postgres(postgres().getJdbcUrl("postgres", "postgres"), "postgres", "relay_race"),
                500, 25);

        assertThat(race.pendingAfter()).isZero();
        assertThat(race.sendsPerEventId().keySet())
                .containsExactlyInAnyOrderElementsOf(race.inserted().stream().map(UUID::toString).toList());
        assertThat(race.duplicates()).as("FOR UPDATE SKIP LOCKED keeps the claims apart").isZero();
        assertThat(race.sentByFirst()).isPositive();
        assertThat(race.sentBySecond()).isPositive();
    }

    @Test
    void storesAndReadsAReportOnPostgresql() {
        HttpResponse<String> accepted = http.submit(TestReports.validJson());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        UUID reportId = UUID.fromString(IntakeHttp.json(accepted).get("reportId").asString());

        JsonNode status = IntakeHttp.json(http.get("/api/v1/symptom-reports/" + reportId));
        assertThat(status.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(jdbc.queryForObject("select patient_name from symptom_report where id = ?", String.class,
                reportId)).isEqualTo(NAME);
        assertThat(jdbc.queryForObject("select payload from outbox_event where message_key = ?", String.class,
                reportId.toString())).doesNotContain(NAME, EMAIL);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_event where message_key = ? and sent_at is not null", Long.class,
                reportId.toString()) == 1L);

        Instant decidedAt = Instant.now();
        SelfCarePlan interimAdvice = TriageDecisions.plan("postgres");
        kafka.send(EventCodec.toProducerRecord(new EventCodec("/clinic/triage-service").encode(
                ClinicTopics.TRIAGE_DECISIONS, reportId, new TriageDecisionMade(reportId, Disposition.ROUTINE_REVIEW,
                        List.of(), List.of(), List.of(), interimAdvice,
                        new RulesetRef("heel-pain", "1.0.0", "c".repeat(64)), decidedAt), decidedAt)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "TRIAGED".equals(
                IntakeHttp.json(http.get("/api/v1/symptom-reports/" + reportId)).get("status").asString()));
        assertThat(jdbc.queryForObject("select disposition from symptom_report where id = ?", String.class,
                reportId)).isEqualTo("ROUTINE_REVIEW");
        JsonNode triaged = IntakeHttp.json(http.get("/api/v1/symptom-reports/" + reportId));
        assertThat(triaged.get("selfCarePlan").get("summary").asString()).isEqualTo(interimAdvice.summary());
        assertThat(http.get("/reports/" + reportId).body()).contains(interimAdvice.recheck());
        assertThat(http.get("/internal/v1/patient-contacts/" + reportId).body()).contains(NAME, EMAIL);
    }
}
