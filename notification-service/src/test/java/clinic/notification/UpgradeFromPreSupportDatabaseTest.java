package clinic.notification;

import clinic.events.ClinicTopics;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.support.testing.ConsumerGroups;
import clinic.support.testing.PreSupportDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notification started on an H2 file database as the local mode kept it before service-support existed (its
 * own scripts of that time, rows in every table): no manual step, every row still there, an urgent review it
 * handled before the upgrade is recognised when redelivered, and a new one becomes an alert as always. The
 * service runs as in production, on a broker of its own, apart from the shared test context.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers, a system property) would repoint the
// shared test context at this broker, which is gone after this class.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "clinic.test.upgrade.brokers")
class UpgradeFromPreSupportDatabaseTest {

    static final Instant BEFORE = Instant.parse("2026-11-20T09:00:00Z");
    static final UUID OLD_NOTIFICATION = UUID.randomUUID();
    static final UUID OLD_REPORT = UUID.randomUUID();
    static final UUID HANDLED_EVENT = UUID.randomUUID();
    static final UUID HANDLED_REPORT = UUID.randomUUID();

    @Test
    void theUpgradedDatabaseKeepsEveryRowAndTheSharedMechanismsCarryOn(EmbeddedKafkaBroker broker, @TempDir Path dataDir) {
        PreSupportDatabase database = PreSupportDatabase.h2File(dataDir, "notification");
        writeRowsAsBefore(database.jdbc());

        try (ConfigurableApplicationContext notification = start(database, broker)) {
            JdbcTemplate jdbc = notification.getBean(JdbcTemplate.class);
            assertThat(PreSupportDatabase.sharedTableVersions(jdbc)).containsExactly("0", "1", "2", "3", "5", "6", "7");
            assertThat(jdbc.queryForObject("select status from notification where notification_id = ?",
                    String.class, OLD_NOTIFICATION)).isEqualTo("DELIVERED");
            assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = 'dr-before'", Long.class))
                    .isEqualTo(1L);

            @SuppressWarnings("unchecked")
            KafkaTemplate<String, byte[]> kafka = notification.getBean(KafkaTemplate.class);
            OutgoingEvent review = TestEvents.urgentReview(HANDLED_REPORT, Disposition.URGENT_REVIEW);
            TestEvents.send(kafka, new OutgoingEvent(HANDLED_EVENT, review.topic(), review.key(), review.type(),
                    review.source(), review.time(), review.dataSchema(), review.payload()));
            ConsumerGroups.awaitCaughtUp(broker.getBrokersAsString(), "notification-service",
                    ClinicTopics.URGENT_REVIEWS.name(), 3);
            assertThat(alertsFor(jdbc, HANDLED_REPORT)).as("handled before the upgrade: a redelivery").isZero();

            UUID newReport = UUID.randomUUID();
            TestEvents.send(kafka, TestEvents.urgentReview(newReport, Disposition.URGENT_REVIEW));
            await().atMost(Duration.ofSeconds(30)).until(() -> alertsFor(jdbc, newReport) == 1);
        }
    }

    private static void writeRowsAsBefore(JdbcTemplate old) {
        old.update("insert into notification (notification_id, report_id, kind, channel, priority, status, content, "
                        + "source_event_id, created_at, delivered_at, attempts) "
                        + "values (?, ?, 'PATIENT_NOTICE', 'PATIENT_MESSAGE', 'P3', 'DELIVERED', '{}', ?, ?, ?, 1)",
                OLD_NOTIFICATION, OLD_REPORT, UUID.randomUUID(), Timestamp.from(BEFORE), Timestamp.from(BEFORE));
        old.update("insert into processed_message (consumer, event_id, processed_at) values (?, ?, ?)",
                "notification-urgent-review-alerts", HANDLED_EVENT, Timestamp.from(BEFORE));
        old.update("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                + "values (?, 'dr-before', 'CLINICIAN', 'ALERTS_READ', null, 'ALLOWED', 200)", Timestamp.from(BEFORE));
    }

    private static ConfigurableApplicationContext start(PreSupportDatabase database, EmbeddedKafkaBroker broker) {
        // Command-line arguments: they outrank notification.yml (default properties would not).
        return NotificationApplication.application()
                .sources(TestClock.class)
                .initializers(context -> TestServers.properties().applyTo(context))
                .run("--server.port=0",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--clinic.data-dir=target/test-data");
    }

    private static long alertsFor(JdbcTemplate jdbc, UUID reportId) {
        Long count = jdbc.queryForObject("select count(*) from notification where report_id = ? "
                + "and kind = 'CLINICIAN_ALERT'", Long.class, reportId);
        return count == null ? 0 : count;
    }
}
