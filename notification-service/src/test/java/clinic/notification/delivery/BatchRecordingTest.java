package clinic.notification.delivery;

import clinic.notification.DeliveryLog;
import clinic.notification.NotificationServiceTest;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.Priority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attempts of a sent batch, recorded together ({@link DeliveryRecorder}) on rows this test claimed for an
 * owner of its own, far in the future, so the service's own lanes never touch them.
 */
@NotificationServiceTest
class BatchRecordingTest {

    private static final Instant FAR = Instant.parse("2999-01-01T00:00:00Z");

    @Autowired
    DeliveryRecorder recorder;

    @Autowired
    JdbcClient jdbc;

    DeliveryLog log;
    final String owner = "notification-test-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        log = new DeliveryLog(jdbc);
    }

    @Test
    void aRowWhoseLeaseWasTakenOverIsLeftToItsNewOwnerWhileTheRestOfTheBatchIsRecorded() {
        DeliveryTask delivered = claimed(NotificationKind.PATIENT_NOTICE, Recipient.PATIENT, 1);
        DeliveryTask takenOver = claimed(NotificationKind.PATIENT_NOTICE, Recipient.PATIENT, 1);
        DeliveryTask gaveUp = claimed(NotificationKind.PATIENT_NOTICE, Recipient.PATIENT, 10);
        jdbc.sql("update delivery set claimed_by = 'notification-other' where delivery_id = ?")
                .param(takenOver.deliveryId()).update();

        recorder.record(owner, List.of(
                new Attempt(delivered, Instant.now(), Outcome.DELIVERED, null),
                new Attempt(takenOver, Instant.now(), Outcome.DELIVERED, null),
                new Attempt(gaveUp, Instant.now(), Outcome.TRANSIENT_FAILURE, "java.net.ConnectException")));

        assertThat(log.only(delivered.reportId(), "EMAIL", 0)).satisfies(d -> {
            assertThat(d.status()).isEqualTo("DELIVERED");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(log.attempts(delivered.deliveryId())).containsExactly(new DeliveryLog.Attempt(1, "DELIVERED", null));
        assertThat(notificationStatus(delivered)).isEqualTo("DELIVERED");

        assertThat(log.only(takenOver.reportId(), "EMAIL", 0)).satisfies(d -> {
            assertThat(d.status()).isEqualTo("PENDING");
            assertThat(d.attempts()).isZero();
        });
        assertThat(log.attempts(takenOver.deliveryId())).isEmpty();
        assertThat(claimedBy(takenOver)).isEqualTo("notification-other");
        assertThat(notificationStatus(takenOver)).isEqualTo("PENDING");
        assertThat(notificationAttempts(takenOver)).isZero();

        assertThat(log.only(gaveUp.reportId(), "EMAIL", 0)).satisfies(d -> {
            assertThat(d.status()).isEqualTo("FAILED");
            assertThat(d.attempts()).isEqualTo(10);
            assertThat(d.lastErrorClass()).isEqualTo("java.net.ConnectException");
        });
        assertThat(log.attempts(gaveUp.deliveryId()))
                .containsExactly(new DeliveryLog.Attempt(10, "TRANSIENT_FAILURE", "java.net.ConnectException"));
        assertThat(notificationStatus(gaveUp)).isEqualTo("FAILED");
    }

    @Test
    void aRowThatCannotBeRecordedDoesNotLoseTheOtherRowsOutcomes() {
        DeliveryTask first = claimed(NotificationKind.PATIENT_NOTICE, Recipient.PATIENT, 1);
        DeliveryTask broken = claimed(NotificationKind.PATIENT_NOTICE, Recipient.PATIENT, 1);
        DeliveryTask last = claimed(NotificationKind.PATIENT_NOTICE, Recipient.PATIENT, 1);
        // Attempt 1 of this row is in the log already: recording it again breaks a unique key, and the batch.
        jdbc.sql("""
                insert into delivery_attempt (attempt_id, delivery_id, channel, attempt_number, attempted_at, outcome)
                values (?, ?, 'EMAIL', 1, ?, 'TIMEOUT')""")
                .params(UUID.randomUUID(), broken.deliveryId(), Instant.now().atOffset(ZoneOffset.UTC)).update();

        recorder.record(owner, List.of(new Attempt(first, Instant.now(), Outcome.DELIVERED, null),
                new Attempt(broken, Instant.now(), Outcome.DELIVERED, null),
                new Attempt(last, Instant.now(), Outcome.DELIVERED, null)));

        assertThat(log.status(first.reportId(), "EMAIL", 0)).isEqualTo("DELIVERED");
        assertThat(log.status(last.reportId(), "EMAIL", 0)).isEqualTo("DELIVERED");
        assertThat(log.attempts(last.deliveryId())).containsExactly(new DeliveryLog.Attempt(1, "DELIVERED", null));
        // still this owner's until the lease expires, then tried again
        assertThat(log.status(broken.reportId(), "EMAIL", 0)).isEqualTo("PENDING");
        assertThat(claimedBy(broken)).isEqualTo(owner);
        assertThat(log.attempts(broken.deliveryId())).containsExactly(new DeliveryLog.Attempt(1, "TIMEOUT", null));
    }

    /** A notification with one EMAIL delivery, claimed by this test's owner for attempt {@code attempt}. */
    private DeliveryTask claimed(NotificationKind kind, Recipient recipient, int attempt) {
        UUID reportId = UUID.randomUUID();
        UUID notificationId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("""
                insert into notification (notification_id, report_id, kind, channel, priority, status, content,
                                          source_event_id, created_at, attempts)
                values (?, ?, ?, ?, 'P2', 'PENDING', '{}', ?, ?, 0)""")
                .params(notificationId, reportId, kind.name(),
                        "PATIENT_MESSAGE",
                        UUID.randomUUID(), now.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                insert into delivery (delivery_id, notification_id, channel, recipient, escalation_level, status,
                                      attempts, next_attempt_at, claimed_by, claimed_until, created_at)
                values (?, ?, 'EMAIL', ?, 0, 'PENDING', ?, ?, ?, ?, ?)""")
                .params(deliveryId, notificationId, recipient.name(), attempt - 1, FAR.atOffset(ZoneOffset.UTC), owner,
                        FAR.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)).update();
        return new DeliveryTask(deliveryId, notificationId, reportId, kind, Priority.P2, "{}", now,
                DeliveryChannel.EMAIL, recipient, 0, attempt, null);
    }

    private String claimedBy(DeliveryTask task) {
        return jdbc.sql("select claimed_by from delivery where delivery_id = ?").param(task.deliveryId())
                .query(String.class).single();
    }

    private String notificationStatus(DeliveryTask task) {
        return jdbc.sql("select status from notification where notification_id = ?").param(task.notificationId())
                .query(String.class).single();
    }

    private int notificationAttempts(DeliveryTask task) {
        return jdbc.sql("select attempts from notification where notification_id = ?").param(task.notificationId())
                .query(Integer.class).single();
    }
}
