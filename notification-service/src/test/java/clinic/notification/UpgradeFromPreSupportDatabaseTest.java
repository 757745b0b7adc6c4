package clinic.notification;

import clinic.events.ClinicTopics;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.support.testing.ConsumerGroups;
import clinic.support.testing.PreSupportDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notification started on an H2 file database as the local mode kept it before service-support existed (its
 * own scripts of that time, rows in every table): no manual step, every row still there, an urgent review it
 * handled before the upgrade is recognised when redelivered, and a new one becomes an alert as always.
 */
@NotificationServiceTest
// A context of its own (its own database) beside the shared one, on the same embedded broker: closed after
// this class so that its listeners never take partitions from the shared context's.
@DirtiesContext
class UpgradeFromPreSupportDatabaseTest {

    static final Instant BEFORE = Instant.parse("2026-11-20T09:00:00Z");
    static final UUID OLD_NOTIFICATION = UUID.randomUUID();
    static final UUID OLD_REPORT = UUID.randomUUID();
    static final UUID HANDLED_EVENT = UUID.randomUUID();
    static final UUID HANDLED_REPORT = UUID.randomUUID();

    static final String GROUP = "notification-upgrade-test";

    @DynamicPropertySource
    static void databaseFromBeforeTheLibrary(DynamicPropertyRegistry registry) {
        PreSupportDatabase database = PreSupportDatabase.h2File("notification");
        JdbcTemplate old = database.jdbc();
        old.update("insert into notification (notification_id, report_id, kind, channel, priority, status, content, "
                        + "source_event_id, created_at, delivered_at, attempts) "
                        + "values (?, ?, 'PATIENT_NOTICE', 'PATIENT_MESSAGE', 'P3', 'DELIVERED', '{}', ?, ?, ?, 1)",
                OLD_NOTIFICATION, OLD_REPORT, UUID.randomUUID(), Timestamp.from(BEFORE), Timestamp.from(BEFORE));
        old.update("insert into processed_message (consumer, event_id, processed_at) values (?, ?, ?)",
                "notification-urgent-review-alerts", HANDLED_EVENT, Timestamp.from(BEFORE));
        old.update("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                + "values (?, 'dr-before', 'CLINICIAN', 'ALERTS_READ', null, 'ALLOWED', 200)", Timestamp.from(BEFORE));
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void theUpgradedDatabaseKeepsEveryRowAndTheSharedMechanismsCarryOn() {
        assertThat(PreSupportDatabase.sharedTableVersions(jdbc)).containsExactly("0", "1", "2", "3");
        assertThat(jdbc.queryForObject("select status from notification where notification_id = ?", String.class,
                OLD_NOTIFICATION)).isEqualTo("DELIVERED");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = 'dr-before'", Long.class))
                .isEqualTo(1L);

        OutgoingEvent review = TestEvents.urgentReview(HANDLED_REPORT, Disposition.URGENT_REVIEW);
        TestEvents.send(kafka, new OutgoingEvent(HANDLED_EVENT, review.topic(), review.key(), review.type(),
                review.source(), review.time(), review.dataSchema(), review.payload()));
        ConsumerGroups.awaitCaughtUp(brokers, GROUP, ClinicTopics.URGENT_REVIEWS.name(), 3);
        assertThat(alertsFor(HANDLED_REPORT)).as("handled before the upgrade: a redelivery").isZero();

        UUID newReport = UUID.randomUUID();
        TestEvents.send(kafka, TestEvents.urgentReview(newReport, Disposition.URGENT_REVIEW));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsFor(newReport) == 1);
    }

    private long alertsFor(UUID reportId) {
        Long count = jdbc.queryForObject("select count(*) from notification where report_id = ? "
                + "and kind = 'CLINICIAN_ALERT'", Long.class, reportId);
        return count == null ? 0 : count;
    }
}
