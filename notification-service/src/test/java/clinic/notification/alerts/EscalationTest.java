package clinic.notification.alerts;

import clinic.events.triage.Disposition;
import clinic.notification.DeliveryLog;
import clinic.notification.Mailbox;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestClock;
import clinic.notification.TestServers;
import clinic.notification.Webhooks;
import clinic.support.testing.TestIssuer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static clinic.notification.TestServers.ESCALATION_HOOK;
import static clinic.notification.TestServers.ESCALATION_TO;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deadlines are reached by moving the test clock; a round of the escalator is run on the test thread
 * (besides its own thread), so "nothing happened before the deadline" is checked after a round, not a sleep.
 */
@NotificationServiceTest
class EscalationTest {

    private static final String CLINICIAN = TestIssuer.bearer(TestIssuer.get().clinician("dr-test"));

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Escalator escalator;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    DeliveryLog log;

    @BeforeEach
    void setUp() {
        log = new DeliveryLog(jdbc);
    }

    @Test
    void anUnacknowledgedUrgentAlertEscalatesAtEachDeadlineUntilAcknowledged() {
        UUID reportId = UUID.randomUUID();
        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));
        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        UUID alertId = log.only(reportId, "EMAIL", 0).notificationId();

        TestClock.CLOCK.advance(Duration.ofMinutes(29));
        escalator.round();
        assertThat(level(alertId)).isZero();
        assertThat(log.of(reportId)).allSatisfy(d -> assertThat(d.level()).isZero());

        TestClock.CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        escalator.round();
        assertThat(level(alertId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(ESCALATION_TO, reportId.toString()).size() == 1
                && Webhooks.calls(ESCALATION_HOOK, reportId.toString()).size() == 1);
        assertThat(Mailbox.text(Mailbox.to(ESCALATION_TO, reportId.toString()).get(0)))
                .contains("ESCALATED (level 1)", "P2 URGENT_REVIEW", alertId.toString());
        LoggedRequest hook = Webhooks.calls(ESCALATION_HOOK, reportId.toString()).get(0);
        assertThat(Webhooks.signatureValid(hook)).isTrue();
        assertThat(json.readTree(hook.getBodyAsString()).at("/escalationLevel").asInt()).isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/alerts").header("Authorization", CLINICIAN)).bodyJson()
                .extractingPath("$[?(@.alertId == '%s')].escalationLevel".formatted(alertId)).asArray()
                .containsExactly(1);

        TestClock.CLOCK.advance(Duration.ofMinutes(30));
        escalator.round();
        assertThat(level(alertId)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(ESCALATION_TO, reportId.toString()).size() == 2
                && Webhooks.calls(ESCALATION_HOOK, reportId.toString()).size() == 2);

        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", alertId).header("Authorization", CLINICIAN)).hasStatusOk();
        TestClock.CLOCK.advance(Duration.ofMinutes(31));
        escalator.round();

        assertThat(level(alertId)).isEqualTo(2);
        assertThat(log.of(reportId)).hasSize(6).extracting(DeliveryLog.Delivery::level)
                .containsExactlyInAnyOrder(0, 0, 1, 1, 2, 2);
        assertThat(jdbc.sql("select event_type from alert_feed where alert_id = ? order by feed_id").param(alertId)
                .query(String.class).list())
                .containsExactly("ALERT_RAISED", "ALERT_ESCALATED", "ALERT_ESCALATED", "ALERT_ACKNOWLEDGED");
    }

    @Test
    void anEmergencyAlertEscalatesAfterFiveMinutesAndAnUrgentOneNotYet() {
        UUID emergency = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();
        send(kafka, urgentReview(emergency, Disposition.EMERGENCY));
        send(kafka, urgentReview(urgent, Disposition.URGENT_REVIEW));
        await().atMost(Duration.ofSeconds(30)).until(() -> log.of(emergency).size() == 2 && log.of(urgent).size() == 2);
        UUID emergencyAlert = log.only(emergency, "EMAIL", 0).notificationId();
        UUID urgentAlert = log.only(urgent, "EMAIL", 0).notificationId();
        double overdueBefore = gauge("clinic.alerts.overdue", "P1");
        double escalatedBefore = gauge("clinic.alerts.escalated", "P1");

        TestClock.CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        // past the deadline and not yet escalated: overdue already (the alert rule does not wait for the job)
        assertThat(gauge("clinic.alerts.overdue", "P1")).isGreaterThanOrEqualTo(overdueBefore + 1);
        assertThat(gauge("clinic.alerts.escalated", "P1")).isEqualTo(escalatedBefore);
        escalator.round();

        assertThat(level(emergencyAlert)).isEqualTo(1);
        assertThat(level(urgentAlert)).isZero();
        assertThat(gauge("clinic.alerts.escalated", "P1")).isGreaterThanOrEqualTo(escalatedBefore + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(ESCALATION_TO, emergency.toString()).size() == 1);
    }

    @Test
    void acknowledgingCancelsAnEscalationThatIsStillWaitingForItsRetry() {
        UUID reportId = UUID.randomUUID();
        // the escalation webhook fails for this report, so its delivery waits for a retry (on the test clock)
        TestServers.http().stubFor(post(urlEqualTo(ESCALATION_HOOK)).atPriority(1)
                .withRequestBody(containing(reportId.toString())).willReturn(aResponse().withStatus(503)));
        send(kafka, urgentReview(reportId, Disposition.EMERGENCY));
        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        UUID alertId = log.only(reportId, "EMAIL", 0).notificationId();

        TestClock.CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        escalator.round();
        await().atMost(Duration.ofSeconds(30)).until(() -> !log.attempts(log.only(reportId, "WEBHOOK", 1).deliveryId())
                .isEmpty());
        assertThat(log.status(reportId, "WEBHOOK", 1)).isEqualTo("PENDING");

        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", alertId).header("Authorization", CLINICIAN)).hasStatusOk();

        assertThat(log.status(reportId, "WEBHOOK", 1)).isEqualTo("CANCELLED");
        // The back-off here is 100 ms on a clock that runs, so a retry or two may come before the acknowledgement;
        // none may come after it: watched for longer than the longest back-off (300 ms) and a poll (100 ms).
        int callsBeforeAcknowledgement = Webhooks.calls(ESCALATION_HOOK, reportId.toString()).size();
        assertThat(callsBeforeAcknowledgement).isPositive();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() ->
                Webhooks.calls(ESCALATION_HOOK, reportId.toString()).size() == callsBeforeAcknowledgement);
        assertThat(mvc.get().uri("/api/v1/notifications?reportId={id}", reportId).header("Authorization", CLINICIAN)).bodyJson()
                .extractingPath("$[?(@.kind == 'CLINICIAN_ALERT')].deliveries[?(@.escalationLevel == 1 "
                        + "&& @.channel == 'WEBHOOK')].status").asArray().containsExactly("CANCELLED");
    }

    private int level(UUID alertId) {
        return jdbc.sql("select escalation_level from notification where notification_id = ?").param(alertId)
                .query(Integer.class).single();
    }

    private double gauge(String name, String priority) {
        return meters.get(name).tag("priority", priority).gauge().value();
    }
}
