package clinic.notification.delivery;

import clinic.events.triage.Disposition;
import clinic.notification.DeliveryLog;
import clinic.notification.Mailbox;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestServers;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static clinic.notification.TestServers.CLINICIAN_TO;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clinician alerts have a dispatcher lane of their own: routine patient email, however much of it is waiting and
 * however slow it is, never holds one up.
 */
@NotificationServiceTest
class UrgentLaneTest {

    private static final int BACKLOG = 24;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAlertIsDeliveredWhileTheRoutineLaneIsStillSendingItsBacklog() {
        DeliveryLog log = new DeliveryLog(jdbc);
        List<UUID> backlog = IntStream.range(0, BACKLOG).mapToObj(i -> UUID.randomUUID()).toList();
        // Intake answers these lookups only after the notification service's read timeout: each patient email of
        // the backlog keeps a routine sender busy for a while, and none of them can be delivered yet.
        List<StubMapping> slowLookups = backlog.stream().map(reportId -> TestServers.http().stubFor(
                TestServers.contactLookupOf(reportId).atPriority(1)
                        .willReturn(aResponse().withFixedDelay(1_500).withHeader("Content-Type", "application/json")
                                .withBody(TestServers.contactsAnswer(List.of("{\"reportId\": \"" + reportId
                                        + "\", \"email\": \"any.patient@example.test\", \"emailConfirmed\": true}"),
                                        List.of())))))
                .toList();
        try {
            backlog.forEach(reportId -> send(kafka, decision(reportId, Disposition.SELF_CARE)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !inFlight(backlog).isEmpty());
            List<UUID> sending = inFlight(backlog);

            UUID alert = UUID.randomUUID();
            send(kafka, urgentReview(alert, Disposition.EMERGENCY));

            await().atMost(Duration.ofSeconds(30)).until(() -> log.status(alert, "EMAIL", 0).equals("DELIVERED"));
            assertThat(Mailbox.to(CLINICIAN_TO, alert.toString())).hasSize(1);
            // The routine round that held these deliveries when the alert came had not even recorded an attempt:
            // the alert did not wait for it (one shared queue would have claimed it only after that round).
            assertThat(sending).allSatisfy(deliveryId -> assertThat(log.attempts(deliveryId)).isEmpty());
        } finally {
            slowLookups.forEach(TestServers.http()::removeStub);
        }
        // ... and the backlog is delivered once intake answers again, each email once.
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog.stream()
                .allMatch(reportId -> log.status(reportId, "EMAIL", 0).equals("DELIVERED")));
        assertThat(backlog).allSatisfy(reportId ->
                assertThat(Mailbox.to("any.patient@example.test", reportId.toString())).hasSize(1));
    }

    /** Backlog deliveries claimed by the routine lane and not through their first attempt yet. */
    private List<UUID> inFlight(List<UUID> reportIds) {
        return jdbc.sql("""
                select d.delivery_id from delivery d join notification n on n.notification_id = d.notification_id
                where n.report_id in (:reports) and d.claimed_by is not null and d.attempts = 0""")
                .param("reports", reportIds).query(UUID.class).list();
    }
}
