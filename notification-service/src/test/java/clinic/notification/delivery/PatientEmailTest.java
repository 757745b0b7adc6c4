package clinic.notification.delivery;

import clinic.events.triage.Disposition;
import clinic.notification.DeliveryLog;
import clinic.notification.Mailbox;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class PatientEmailTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    DeliveryLog log;

    @BeforeEach
    void setUp() {
        log = new DeliveryLog(jdbc);
    }

    @Test
    void aSelfCareDecisionEmailsThePlanOnceToTheAddressIntakeGivesAtSendTime() throws Exception {
        UUID reportId = UUID.randomUUID();
        String address = "pat-" + reportId + "@example.test";
        intakeKnows(reportId, "Pat Example", address);

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        List<MimeMessage> mails = Mailbox.to(address, reportId.toString());
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(Mailbox.text(mail)).startsWith("Hello,").contains("Your self-care plan",
                "Likely plantar heel pain: start with self-care", "- Reduce painful miles for a while",
                "- Calf and plantar fascia stretches", "- Numbness or tingling", "Re-check in 2 weeks",
                "http://intake.test/reports/" + reportId);
        assertThat(Mailbox.html(mail)).contains("<p>Hello,</p>", "<li>Reduce painful miles for a while</li>")
                .doesNotContain("Pat Example");
        assertThat(Mailbox.text(mail)).doesNotContain("Pat Example");
        assertThat(mail.getSubject()).isEqualTo("Your self-care plan");
        assertThat(log.of(reportId)).singleElement().satisfies(d -> assertThat(d.recipient()).isEqualTo("PATIENT"));
        assertThat(jdbc.sql("select content from notification where report_id = ?").param(reportId)
                .query(String.class).single()).doesNotContain(address, "Pat Example");
    }

    @Test
    void aRoutineReviewDecisionEmailsTheInterimAdvice() {
        UUID reportId = UUID.randomUUID();
        String address = "robin-" + reportId + "@example.test";
        intakeKnows(reportId, "Robin Example", address);

        send(kafka, decision(reportId, Disposition.ROUTINE_REVIEW));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(address, reportId.toString()).size() == 1);
        String text = Mailbox.text(Mailbox.to(address, reportId.toString()).get(0));
        assertThat(text).contains("A clinician will review your report within a few days",
                "Interim advice until a clinician reviews your report", "Calf and plantar fascia stretches");
    }

    @Test
    void anUrgentDecisionTellsThePatientAClinicianWillCallWithoutAPlan() {
        UUID reportId = UUID.randomUUID();
        String address = "sam-" + reportId + "@example.test";
        intakeKnows(reportId, "Sam Example", address);

        send(kafka, decision(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(address, reportId.toString()).size() == 1);
        String text = Mailbox.text(Mailbox.to(address, reportId.toString()).get(0));
        assertThat(text).contains("A clinician will contact you today").doesNotContain("What to do:");
    }

    @Test
    void aReportIntakeDoesNotKnowFailsThePatientEmailPermanentlyWithoutSendingAnything() {
        UUID reportId = UUID.randomUUID();
        TestServers.http().stubFor(get(urlEqualTo("/internal/v1/patient-contacts/" + reportId)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 404, \"title\": \"Report not found\"}")));

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("FAILED"));
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        assertThat(log.attempts(email.deliveryId()))
                .containsExactly(new DeliveryLog.Attempt(1, "PERMANENT_FAILURE", "PatientContactNotFound"));
        assertThat(jdbc.sql("select status from notification where report_id = ? and kind = 'PATIENT_NOTICE'")
                .param(reportId).query(String.class).single()).isEqualTo("FAILED");
        // 404 is not retried within the call either: one lookup, no email.
        assertThat(TestServers.http().findAll(getRequestedFor(urlEqualTo("/internal/v1/patient-contacts/"
                + reportId)))).hasSize(1);
        assertThat(Mailbox.to("any.patient@example.test", reportId.toString())).isEmpty();
    }

    @Test
    void intakeBeingDownIsRetriedUntilTheContactCanBeRead() {
        UUID reportId = UUID.randomUUID();
        String address = "kim-" + reportId + "@example.test";
        String path = "/internal/v1/patient-contacts/" + reportId;
        TestServers.http().stubFor(get(urlEqualTo(path)).atPriority(1).inScenario(path)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("second").willReturn(aResponse().withStatus(503)));
        TestServers.http().stubFor(get(urlEqualTo(path)).atPriority(1).inScenario(path)
                .whenScenarioStateIs("second").willSetStateTo("third").willReturn(aResponse().withStatus(503)));
        intakeKnows(reportId, "Kim Example", address, path, "third");

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(address, reportId.toString()).size() == 1);
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        assertThat(email.status()).isEqualTo("DELIVERED");
        // Two in-call tries per attempt: the first attempt fails after both 503s, the second gets the contact.
        assertThat(log.attempts(email.deliveryId())).containsExactly(
                new DeliveryLog.Attempt(1, "TRANSIENT_FAILURE", "PatientContactServiceUnavailable"),
                new DeliveryLog.Attempt(2, "DELIVERED", null));
    }

    @Test
    void aTokenIntakeRefusesIsDroppedAndTheEmailGoesOutWithANewOne() {
        UUID reportId = UUID.randomUUID();
        String address = "lee-" + reportId + "@example.test";
        String path = "/internal/v1/patient-contacts/" + reportId;
        TestServers.http().stubFor(get(urlEqualTo(path)).atPriority(1).inScenario(path)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("token renewed").willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        intakeKnows(reportId, "Lee Example", address, path, "token renewed");
        int tokenRequests = TestServers.http().findAll(postRequestedFor(urlEqualTo(TestServers.TOKEN_PATH))).size();

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(address, reportId.toString()).size() == 1);
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        assertThat(log.attempts(email.deliveryId())).containsExactly(
                new DeliveryLog.Attempt(1, "TRANSIENT_FAILURE", "PatientContactHttp401"),
                new DeliveryLog.Attempt(2, "DELIVERED", null));
        assertThat(TestServers.http().findAll(postRequestedFor(urlEqualTo(TestServers.TOKEN_PATH))))
                .as("a new token was requested after the 401").hasSizeGreaterThan(tokenRequests);
    }

    private static void intakeKnows(UUID reportId, String name, String email) {
        TestServers.http().stubFor(get(urlEqualTo("/internal/v1/patient-contacts/" + reportId)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TestServers.CONTACT_TOKEN))
                .willReturn(contact(reportId, name, email)));
    }

    private static void intakeKnows(UUID reportId, String name, String email, String path, String state) {
        TestServers.http().stubFor(get(urlEqualTo(path)).atPriority(1).inScenario(path).whenScenarioStateIs(state)
                .withHeader("Authorization", equalTo("Bearer " + TestServers.CONTACT_TOKEN))
                .willReturn(contact(reportId, name, email)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder contact(UUID reportId,
                                                                                           String name,
                                                                                           String email) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"reportId": "%s", "name": "%s", "email": "%s", "emailConfirmed": true}""".formatted(reportId, name, email));
    }
}
