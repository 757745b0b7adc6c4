package clinic.intake;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.awaitility.Awaitility.await;

/**
 * The {@code postgres} profile on a real PostgreSQL (zonky embedded): the Flyway migrations run and
 * Hibernate's {@code ddl-auto=validate} accepts them, then a report makes the full round trip; the
 * audit trail's trigger refuses every change to a written row.
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

    @Autowired
    WebApplicationContext context;

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
        assertThat(applied).containsExactly("V1__symptom_report.sql", "V5__self_care_plan.sql",
                "V6__report_owner.sql", "V9__report_owner_kind.sql", "V10__confirmed_email.sql",
                "V11__rate_limit_bucket.sql", "V12__idempotency_key.sql", "V14__patient_phone.sql");
        List<String> shared = jdbc.queryForList("select script from support_schema_history "
                + "where success and version is not null order by installed_rank", String.class);
        assertThat(shared).containsExactly("<< Flyway Baseline >>", "V1__outbox_event.sql", "V2__processed_message.sql",
                "V3__audit_event.sql", "V4__audit_event_append_only.sql", "V5__outbox_event_extensions.sql",
                "V6__spring_session.sql", "V7__outbox_event_trace_parent.sql");
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns "
                + "where table_schema = 'public' and table_name = 'symptom_report' and column_name = 'id'", String.class)).isEqualTo("uuid");
    }

    @Test
    void storesAndReadsAReportOnPostgresql() throws Exception {
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
        assertThat(mvc().perform(get("/reports/" + reportId).with(oidcLogin()
                        .idToken(token -> token.subject(http.patientSubject()).claim("roles", List.of("PATIENT")))
                        .authorities(new SimpleGrantedAuthority("ROLE_PATIENT"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(interimAdvice.recheck());
        assertThat(http.get("/internal/v1/patient-contacts/" + reportId).body()).contains(EMAIL, "/email-confirmations/")
                .doesNotContain(NAME);
        assertThat(jdbc.queryForObject("select count(*) from email_confirmation where report_id = ?", Long.class,
                reportId)).isEqualTo(1);
        // the patient confirms the address through the link's page: the next lookup may carry health details
        String link = IntakeHttp.json(http.get("/internal/v1/patient-contacts/" + reportId)).get("confirmationPath")
                .asString();
        assertThat(mvc().perform(post(link).with(csrf()).with(oidcLogin()
                        .idToken(token -> token.subject(http.patientSubject()).claim("roles", List.of("PATIENT")))
                        .authorities(new SimpleGrantedAuthority("ROLE_PATIENT"))))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(IntakeHttp.json(http.get("/internal/v1/patient-contacts/" + reportId)).get("emailConfirmed")
                .asBoolean()).isTrue();
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyMakeOneReportOnPostgresql() throws Exception {
        String key = "\"" + UUID.randomUUID() + "\"";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return http.submit(TestReports.validJson(), "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<UUID> reportIds = new ArrayList<>();
            for (Future<HttpResponse<String>> response : sent) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
                reportIds.add(UUID.fromString(IntakeHttp.json(response.get()).get("reportId").asString()));
            }
            assertThat(Set.copyOf(reportIds)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<String> later = http.submit(TestReports.validJson(), "Idempotency-Key", key);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(jdbc.queryForObject("select count(*) from symptom_report where owner_subject = ?", Long.class,
                http.patientSubject())).isEqualTo(1);
        assertThat(http.submit(TestReports.json(TestReports.with("painScore", 9)), "Idempotency-Key", key)
                .statusCode()).isEqualTo(422);
    }

    @Test
    void theAuditTrailIsAppendOnlyOnPostgresql() {
        HttpResponse<String> accepted = http.submit(TestReports.validJson());
        String reportId = IntakeHttp.json(accepted).get("reportId").asString();
        Long rows = jdbc.queryForObject("select count(*) from audit_event where object_id = ?", Long.class, reportId);
        assertThat(rows).isEqualTo(1L);

        assertThatThrownBy(() -> jdbc.update("update audit_event set outcome = 'DENIED' where object_id = ?", reportId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event where object_id = ?", reportId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select outcome from audit_event where object_id = ?", String.class, reportId))
                .isEqualTo("ALLOWED");
    }

    private MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }
}
