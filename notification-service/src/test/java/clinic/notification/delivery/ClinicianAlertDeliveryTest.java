package clinic.notification.delivery;

import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.notification.DeliveryLog;
import clinic.notification.Mailbox;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestClock;
import clinic.notification.TestServers;
import clinic.notification.Webhooks;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import clinic.support.testing.TestIssuer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static clinic.notification.TestServers.CLINICIAN_TO;
import static clinic.notification.TestServers.ESCALATION_TO;
import static clinic.notification.TestServers.ONCALL_HOOK;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class ClinicianAlertDeliveryTest {

    private static final String CLINICIAN = TestIssuer.bearer(TestIssuer.get().clinician("dr-test"));

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    NotificationRepository notifications;

    DeliveryLog log;

    @BeforeEach
    void setUp() {
        log = new DeliveryLog(jdbc);
    }

    @Test
    void anUrgentReviewSendsExactlyOneClinicianEmailAndOneSignedWebhookWithoutPatientIdentity() {
        UUID reportId = UUID.randomUUID();
        String report = reportId.toString();

        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.of(reportId).size() == 2
                && log.of(reportId).stream().allMatch(d -> d.status().equals("DELIVERED")));
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        DeliveryLog.Delivery webhook = log.only(reportId, "WEBHOOK", 0);
        UUID alertId = email.notificationId();

        List<MimeMessage> mails = Mailbox.to(CLINICIAN_TO, report);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(Mailbox.text(mail)).contains("P2 URGENT_REVIEW", "FEVER", "RF-FEVER", "answer triggering FEVER",
                "Source statement for FEVER", "http://triage.test/api/v1/triage-decisions/" + report,
                alertId.toString());
        assertThat(Mailbox.html(mail)).contains("RF-FEVER", "href=\"http://triage.test/api/v1/triage-decisions/"
                + report + "\"");
        assertThat(Mailbox.header(mail, "Message-ID")).isEqualTo("<" + email.deliveryId()
                + "@notification.clinic.local>");
        assertThat(Mailbox.text(mail) + Mailbox.html(mail)).doesNotContain("any.patient@");

        List<LoggedRequest> calls = Webhooks.calls(ONCALL_HOOK, report);
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(Webhooks.signatureValid(call)).isTrue();
        assertThat(call.getHeader("X-Clinic-Delivery-Id")).isEqualTo(webhook.deliveryId().toString());
        JsonNode body = json.readTree(call.getBodyAsString());
        assertThat(body.at("/alertId").asString()).isEqualTo(alertId.toString());
        assertThat(body.at("/disposition").asString()).isEqualTo("URGENT_REVIEW");
        assertThat(body.at("/priority").asString()).isEqualTo("P2");
        assertThat(body.at("/redFlags/0").asString()).isEqualTo("FEVER");
        assertThat(body.at("/reasons/0/ruleId").asString()).isEqualTo("RF-FEVER");
        assertThat(body.at("/reasons/0/because/0").asString()).isEqualTo("answer triggering FEVER");
        assertThat(body.at("/reportLink").asString()).isEqualTo("http://triage.test/api/v1/triage-decisions/" + report);
        assertThat(body.at("/escalationLevel").asInt()).isZero();
        assertThat(call.getBodyAsString()).doesNotContain("@", "name", "email");

        assertThat(log.attempts(email.deliveryId())).containsExactly(new DeliveryLog.Attempt(1, "DELIVERED", null));
        assertThat(mvc.get().uri("/api/v1/notifications?reportId={id}", reportId).header("Authorization", CLINICIAN)).bodyJson()
                .isLenientlyEqualTo("""
                        [{"kind": "CLINICIAN_ALERT", "status": "DELIVERED", "deliveries": [
                          {"channel": "EMAIL", "escalationLevel": 0, "status": "DELIVERED",
                           "attempts": [{"attemptNumber": 1, "outcome": "DELIVERED", "errorClass": null}]},
                          {"channel": "WEBHOOK", "escalationLevel": 0, "status": "DELIVERED",
                           "attempts": [{"attemptNumber": 1, "outcome": "DELIVERED", "errorClass": null}]}]}]""");
    }

    @Test
    void redeliveredAndRepublishedUrgentReviewsSendNothingMore() {
        UUID reportId = UUID.randomUUID();
        OutgoingEvent event = urgentReview(reportId, Disposition.EMERGENCY);
        int partition = send(kafka, event).partition();
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(CLINICIAN_TO, reportId.toString()).size() == 1
                && Webhooks.calls(ONCALL_HOOK, reportId.toString()).size() == 1);

        send(kafka, event);
        send(kafka, urgentReview(reportId, Disposition.EMERGENCY));
        UUID sentinel = UUID.randomUUID();
        send(kafka, urgentReview(sentinel, Disposition.EMERGENCY), partition);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(CLINICIAN_TO, sentinel.toString()).size() == 1
                && Webhooks.calls(ONCALL_HOOK, sentinel.toString()).size() == 1);

        assertThat(Mailbox.to(CLINICIAN_TO, reportId.toString())).hasSize(1);
        assertThat(Webhooks.calls(ONCALL_HOOK, reportId.toString())).hasSize(1);
        assertThat(log.of(reportId)).hasSize(2);
    }

    @Test
    void aWebhookAnswering500IsRetriedUntilItAccepts() {
        UUID reportId = UUID.randomUUID();
        String scenario = "webhook-500-" + reportId;
        stubInScenario(reportId, scenario, Scenario.STARTED, "second", 500, 0);
        stubInScenario(reportId, scenario, "second", "third", 503, 0);
        stubInScenario(reportId, scenario, "third", "done", 200, 0);

        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> log.status(reportId, "WEBHOOK", 0).equals("DELIVERED"));
        DeliveryLog.Delivery webhook = log.only(reportId, "WEBHOOK", 0);
        assertThat(log.attempts(webhook.deliveryId())).containsExactly(
                new DeliveryLog.Attempt(1, "TRANSIENT_FAILURE", "HTTP_500"),
                new DeliveryLog.Attempt(2, "TRANSIENT_FAILURE", "HTTP_503"),
                new DeliveryLog.Attempt(3, "DELIVERED", null));
        List<LoggedRequest> calls = Webhooks.calls(ONCALL_HOOK, reportId.toString());
        assertThat(calls).hasSize(3).allSatisfy(call -> {
            assertThat(call.getHeader("X-Clinic-Delivery-Id")).isEqualTo(webhook.deliveryId().toString());
            assertThat(Webhooks.signatureValid(call)).isTrue();
        });
        assertThat(Mailbox.to(CLINICIAN_TO, reportId.toString())).hasSize(1);
    }

    @Test
    void aWebhookSlowerThanTheTimeoutIsRecordedAsATimeoutAndRetried() {
        UUID reportId = UUID.randomUUID();
        String scenario = "webhook-slow-" + reportId;
        stubInScenario(reportId, scenario, Scenario.STARTED, "fast", 200, 4_000);
        stubInScenario(reportId, scenario, "fast", "done", 200, 0);

        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> log.status(reportId, "WEBHOOK", 0).equals("DELIVERED"));
        DeliveryLog.Delivery webhook = log.only(reportId, "WEBHOOK", 0);
        assertThat(log.attempts(webhook.deliveryId())).containsExactly(
                new DeliveryLog.Attempt(1, "TIMEOUT", "java.net.http.HttpTimeoutException"),
                new DeliveryLog.Attempt(2, "DELIVERED", null));
    }

    @Test
    void aWebhookThatNeverAcceptsFailsAfterTheLastRetryAndTheAlertEscalatesAtOnceStayingOpen() {
        UUID reportId = UUID.randomUUID();
        TestServers.http().stubFor(post(urlEqualTo(ONCALL_HOOK)).atPriority(1)
                .withRequestBody(containing(reportId.toString())).willReturn(aResponse().withStatus(502)));

        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> log.of(reportId).stream().anyMatch(d -> d.level() == 1 && d.channel().equals("EMAIL")
                        && d.status().equals("DELIVERED")));
        DeliveryLog.Delivery failed = log.only(reportId, "WEBHOOK", 0);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(10);
        assertThat(failed.lastErrorClass()).isEqualTo("HTTP_502");
        assertThat(log.attempts(failed.deliveryId())).hasSize(10)
                .allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo("TRANSIENT_FAILURE"));
        assertThat(Mailbox.to(ESCALATION_TO, reportId.toString())).singleElement()
                .satisfies(mail -> assertThat(Mailbox.text(mail)).contains("ESCALATED (level 1)"));
        assertThat(mvc.get().uri("/api/v1/alerts").header("Authorization", CLINICIAN)).bodyJson()
                .extractingPath("$[?(@.reportId == '%s')].escalationLevel".formatted(reportId)).asArray()
                .containsExactly(1);
    }

    @Test
    void countsAttemptsByChannelAndOutcomeWithoutIdsOrAddressesInTheTags() {
        double before = attempts("EMAIL", "DELIVERED");
        double deliveredBefore = delivered("EMAIL", "CLINICIAN_ALERT");
        UUID reportId = UUID.randomUUID();

        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts("EMAIL", "DELIVERED") >= before + 1);
        assertThat(meters.find("clinic.notification.delivery.attempts").counters()).isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.getId().getTags()).extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("channel", "outcome"));
        assertThat(meters.find("clinic.notification.escalations").counters())
                .allSatisfy(counter -> assertThat(counter.getId().getTags()).extracting(Tag::getKey)
                        .containsExactly("priority"));
        // fixed names, which the dashboards and alert rules rely on
        assertThat(delivered("EMAIL", "CLINICIAN_ALERT")).isGreaterThanOrEqualTo(deliveredBefore + 1);
        assertThat(meters.find("clinic.alerts.open").tag("priority", "P2").gauge()).isNotNull()
                .satisfies(gauge -> assertThat(gauge.value()).isGreaterThanOrEqualTo(1));
        assertThat(meters.find("clinic.alerts.open").tag("priority", "P1").gauge()).isNotNull();
        assertThat(((PrometheusMeterRegistry) meters).scrape())
                .contains("clinic_notifications_delivered_total{channel=\"EMAIL\",kind=\"CLINICIAN_ALERT\"}",
                        "clinic_alerts_open{priority=\"P2\"}", "clinic_alert_acknowledgement_seconds_bucket");
    }

    @Test
    void timesEachAlertFromRaisedToItsFirstAcknowledgement() {
        UUID reportId = UUID.randomUUID();
        send(kafka, urgentReview(reportId, Disposition.EMERGENCY));
        UUID alertId = await().atMost(Duration.ofSeconds(10)).until(() -> notifications
                        .findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                        .filter(n -> n.kind() == NotificationKind.CLINICIAN_ALERT).findFirst(),
                Optional::isPresent).orElseThrow().id();
        Timer timer = meters.find("clinic.alert.acknowledgement")
                .tag("priority", "P1").timer();
        long before = timer.count();
        TestClock.CLOCK.advance(Duration.ofMinutes(3));

        mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", alertId).header("Authorization", CLINICIAN).exchange();
        mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", alertId).header("Authorization", CLINICIAN).exchange();

        assertThat(timer.count()).as("the first acknowledgement only").isEqualTo(before + 1);
        assertThat(timer.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(180);
    }

    private double delivered(String channel, String kind) {
        Counter counter = meters.find("clinic.notifications.delivered").tags("channel", channel, "kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double attempts(String channel, String outcome) {
        Counter counter = meters.find("clinic.notification.delivery.attempts").tags("channel", channel,
                "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void stubInScenario(UUID reportId, String scenario, String state, String next, int status,
                                       int delayMillis) {
        TestServers.http().stubFor(post(urlEqualTo(ONCALL_HOOK)).atPriority(1)
                .withRequestBody(containing(reportId.toString()))
                .inScenario(scenario).whenScenarioStateIs(state).willSetStateTo(next)
                .willReturn(aResponse().withStatus(status).withFixedDelay(delayMillis)));
    }
}
