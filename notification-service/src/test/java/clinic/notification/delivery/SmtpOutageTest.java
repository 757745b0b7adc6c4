package clinic.notification.delivery;

import clinic.events.triage.Disposition;
import clinic.notification.DeliveryLog;
import clinic.notification.Mailbox;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static clinic.notification.TestServers.CLINICIAN_TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class SmtpOutageTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry metrics;

    @Test
    void anAlertEmailWaitsOutAnSmtpOutageAndIsDeliveredOnceAfterRecovery() {
        DeliveryLog log = new DeliveryLog(jdbc);
        UUID reportId = UUID.randomUUID();
        TestServers.stopSmtp();
        try {
            send(kafka, urgentReview(reportId, Disposition.EMERGENCY));

            await().atMost(Duration.ofSeconds(30)).until(() -> !log.status(reportId, "EMAIL", 0).equals("NONE")
                    && log.attempts(log.only(reportId, "EMAIL", 0).deliveryId()).size() >= 2);
            // the waiting email is in the delivery backlog that operations and the fault tests read
            assertThat(metrics.get(DeliveryMetrics.PENDING).gauge().value()).isGreaterThanOrEqualTo(1);
        } finally {
            TestServers.startSmtp();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        assertThat(Mailbox.to(CLINICIAN_TO, reportId.toString())).hasSize(1);
        List<DeliveryLog.Attempt> attempts = log.attempts(log.only(reportId, "EMAIL", 0).deliveryId());
        assertThat(attempts.get(attempts.size() - 1).outcome()).isEqualTo("DELIVERED");
        assertThat(attempts.subList(0, attempts.size() - 1)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(attempt -> {
                    assertThat(attempt.outcome()).isEqualTo("TRANSIENT_FAILURE");
                    assertThat(attempt.errorClass()).isEqualTo("java.net.ConnectException");
                });
        assertThat(attempts).extracting(DeliveryLog.Attempt::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, attempts.size()).boxed().toList());
        // The webhook did not wait for the mail server.
        assertThat(log.status(reportId, "WEBHOOK", 0)).isEqualTo("DELIVERED");
    }
}
