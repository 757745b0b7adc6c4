package clinic.notification.alerts;

import clinic.events.EventType;
import clinic.events.IncomingEvent;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.events.triage.UrgentReviewRequested;
import clinic.notification.TestEvents;
import clinic.notification.TestPostgres;
import clinic.support.inbox.Inbox;
import clinic.notification.log.Channel;
import clinic.notification.log.Notification;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import clinic.support.testing.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The postgres profile: Flyway migrations and JPA validation on a real PostgreSQL, then a round trip. */
@SpringBootTest(properties = {
        "spring.config.name=notification",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        // nothing listens there: the service must start while its issuer is down
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9",
        "spring.security.oauth2.client.provider.clinic-tokens.token-uri=http://127.0.0.1:9/oauth2/token"
})
@ActiveProfiles("postgres")
@AutoConfigureMockMvc
class PostgresProfileTest {

    @Autowired
    ClinicianAlerts alerts;

    @Autowired
    AlertQueue queue;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox inbox;

    @Autowired
    JwtDecoder jwtDecoder;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    TransactionTemplate transactions;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    private static EmbeddedPostgres database() {
        return TestPostgres.server();
    }

    @Test
    void runsOnPostgreSQLWithTheMigratedSchema() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("select script from flyway_schema_history where success").query(String.class).list())
                .containsExactly("V4__notification_tables.sql", "V5__notification_owner.sql",
                        "V6__delivery_due_by_recipient.sql", "V7__review.sql",
                        "V8__delivery_trace_parent.sql");
        // the shared tables' PostgreSQL-only migration (service-support) ran too
        assertThat(jdbc.sql("select count(*) from pg_trigger where tgname = 'audit_event_no_update_or_delete'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void startsWhileTheIssuerIsDownAndAsksForItsKeysOnlyWhenATokenArrives() {
        // The context is up (this test runs) although nothing answers at the issuer; the decoder is resolved
        // on first use, fails then, and is resolved again on the next token (the failure is not cached).
        assertThatThrownBy(() -> jwtDecoder.decode(TestIssuer.get().clinician("dr-early")))
                .isInstanceOf(JwtDecoderInitializationException.class);
        assertThatThrownBy(() -> jwtDecoder.decode(TestIssuer.get().clinician("dr-early")))
                .isInstanceOf(JwtDecoderInitializationException.class);
    }

    @Test
    void aTokenThatCannotBeCheckedWhileTheIssuerIsDownIsAServiceUnavailableProblem() {
        MvcTestResult result = mvc.get().uri("/api/v1/alerts")
                .header("Authorization", TestIssuer.bearer(TestIssuer.get().clinician("dr-early"))).exchange();

        assertThat(result).hasStatus(503).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "5");
        assertThat(result).bodyText().contains("\"title\":\"Service Unavailable\"").doesNotContain("Exception");
        assertThat(jdbc.sql("select outcome from audit_event where actor = 'anonymous' and action = 'ALERTS_READ' "
                + "order by id desc").query(String.class).list()).first().isEqualTo("FAILED");
    }

    @Test
    void somethingThatIsNotASignedJwtIsStill401WhileTheIssuerIsDown() {
        MvcTestResult result = mvc.get().uri("/api/v1/alerts").header("Authorization", "Bearer not-a-jwt").exchange();

        assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void recordsReadsAndAcknowledgesAnAlert() {
        UUID reportId = UUID.randomUUID();
        IncomingEvent<UrgentReviewRequested> event = urgentReview(reportId);

        alerts.raise(event);
        alerts.raise(event);

        List<Notification> rows = notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId);
        assertThat(rows).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(NotificationKind.CLINICIAN_ALERT);
            assertThat(alert.priority()).isEqualTo(Priority.P1);
            assertThat(alert.sourceEventId()).isEqualTo(event.id());
            assertThat(alert.nextEscalationAt()).isEqualTo(alert.createdAt().plus(Duration.ofMinutes(5)));
        });
        assertThat(jdbc.sql("select channel from delivery where notification_id = ?").param(rows.get(0).id())
                .query(String.class).list()).containsExactly("EMAIL");
        assertThat(jdbc.sql("select event_type from alert_feed where alert_id = ?").param(rows.get(0).id())
                .query(String.class).list()).containsExactly("ALERT_RAISED");
        UUID alertId = rows.get(0).id();
        assertThat(queue.open()).filteredOn(view -> view.alertId().equals(alertId)).singleElement()
                .satisfies(view -> assertThat(view.reasons()).extracting(FiredRule::ruleId).containsExactly("RF-POP"));

        AlertView first = queue.acknowledge(alertId, "dr-first");
        AlertView second = queue.acknowledge(alertId, "dr-second");

        assertThat(second.acknowledgedBy()).isEqualTo("dr-first");
        assertThat(second.acknowledgedAt()).isEqualTo(first.acknowledgedAt());
        assertThat(queue.open()).noneMatch(view -> view.alertId().equals(alertId));
        assertThat(jdbc.sql("select event_type from alert_feed where alert_id = ? order by feed_id").param(alertId)
                .query(String.class).list()).containsExactly("ALERT_RAISED", "ALERT_ACKNOWLEDGED");
    }

    @Test
    void storesLongContentAndAllowsOneNotificationPerReportKindAndChannel() {
        UUID reportId = UUID.randomUUID();
        String content = "{\"plan\":\"" + "x".repeat(20_000) + "\"}";
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Notification saved = notifications.save(new Notification(reportId, NotificationKind.PATIENT_NOTICE,
                Channel.PATIENT_MESSAGE, Priority.P4, content, UUID.randomUUID(), createdAt));

        Notification read = notifications.findById(saved.id()).orElseThrow();

        assertThat(read.content()).isEqualTo(content);
        assertThat(read.createdAt()).isEqualTo(createdAt);
        assertThatThrownBy(() -> notifications.save(new Notification(reportId, NotificationKind.PATIENT_NOTICE,
                Channel.PATIENT_MESSAGE, Priority.P4, "{}", UUID.randomUUID(), Instant.now())))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void claimsAnEventOncePerConsumer() {
        UUID eventId = UUID.randomUUID();

        Boolean first = transactions.execute(status -> inbox.firstDelivery("consumer-a", eventId));
        Boolean again = transactions.execute(status -> inbox.firstDelivery("consumer-a", eventId));
        Boolean otherConsumer = transactions.execute(status -> inbox.firstDelivery("consumer-b", eventId));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private static IncomingEvent<UrgentReviewRequested> urgentReview(UUID reportId) {
        UrgentReviewRequested review = new UrgentReviewRequested(reportId, Disposition.EMERGENCY,
                List.of(RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE),
                List.of(new FiredRule("RF-POP", Disposition.EMERGENCY, List.of("suddenOnsetWithPopOrSnap = true"),
                        "pop or snap")),
                TestEvents.RULESET, TestEvents.TIME);
        return new IncomingEvent<>(UUID.randomUUID(), EventType.URGENT_REVIEW_REQUESTED, "/clinic/triage-service",
                reportId.toString(), TestEvents.TIME, review);
    }
}
