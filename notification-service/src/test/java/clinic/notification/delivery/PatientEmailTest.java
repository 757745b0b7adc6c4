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
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class PatientEmailTest {

    private static final boolean CONFIRMED = true;
    private static final boolean UNCONFIRMED = false;

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
        intakeKnows(reportId, address, CONFIRMED);

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        List<MimeMessage> mails = Mailbox.to(address, reportId.toString());
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(Mailbox.text(mail)).startsWith("Hello,").contains("Your self-care plan",
                "Likely plantar heel pain: start with self-care", "- Reduce painful miles for a while",
                "- Calf and plantar fascia stretches", "- Numbness or tingling", "Re-check in 2 weeks",
                "http://intake.test/reports/" + reportId);
        assertThat(Mailbox.html(mail)).contains("<p>Hello,</p>", "<li>Reduce painful miles for a while</li>");
        assertThat(mail.getSubject()).isEqualTo("Your self-care plan");
        assertThat(log.of(reportId)).singleElement().satisfies(d -> assertThat(d.recipient()).isEqualTo("PATIENT"));
        assertThat(jdbc.sql("select content from notification where report_id = ?").param(reportId)
                .query(String.class).single()).doesNotContain(address);
    }

    @Test
    void aRoutineReviewDecisionEmailsTheInterimAdvice() {
        UUID reportId = UUID.randomUUID();
        String address = "robin-" + reportId + "@example.test";
        intakeKnows(reportId, address, CONFIRMED);

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
        intakeKnows(reportId, address, CONFIRMED);

        send(kafka, decision(reportId, Disposition.URGENT_REVIEW));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(address, reportId.toString()).size() == 1);
        String text = Mailbox.text(Mailbox.to(address, reportId.toString()).get(0));
        assertThat(text).contains("A clinician will contact you today").doesNotContain("What to do:");
    }

    @Test
    void aReportIntakeDoesNotKnowFailsThePatientEmailPermanentlyWithoutSendingAnything() {
        UUID reportId = UUID.randomUUID();
        TestServers.http().stubFor(TestServers.contactLookupOf(reportId).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(TestServers.contactsAnswer(List.of(), List.of(reportId)))));

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("FAILED"));
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        assertThat(log.attempts(email.deliveryId()))
                .containsExactly(new DeliveryLog.Attempt(1, "PERMANENT_FAILURE", "PatientContactNotFound"));
        assertThat(jdbc.sql("select status from notification where report_id = ? and kind = 'PATIENT_NOTICE'")
                .param(reportId).query(String.class).single()).isEqualTo("FAILED");
        // an unknown report is not asked for again within the call either: one lookup, no email.
        assertThat(TestServers.http().findAll(TestServers.contactLookupsOf(reportId))).hasSize(1);
        assertThat(Mailbox.to("any.patient@example.test", reportId.toString())).isEmpty();
    }

    @Test
    void intakeBeingDownIsRetriedUntilTheContactCanBeRead() {
        UUID reportId = UUID.randomUUID();
        String address = "kim-" + reportId + "@example.test";
        intakeUnavailableTwiceThenKnows(reportId, address, CONFIRMED);

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
        String path = "contacts of " + reportId; // the scenario's name
        TestServers.http().stubFor(TestServers.contactLookupOf(reportId).atPriority(1).inScenario(path)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("token renewed").willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        intakeKnows(reportId, address, CONFIRMED, path, "token renewed");
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

    @Test
    void anUnconfirmedAddressGetsOnlyTheRequestToConfirmIt() throws Exception {
        UUID reportId = UUID.randomUUID();
        String address = "victim-" + reportId + "@example.test";
        intakeKnows(reportId, address, UNCONFIRMED);

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        MimeMessage mail = onlyMailTo(address, reportId);
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        assertThat(mail.getSubject()).isEqualTo("We received your heel-pain report");
        assertThat(Mailbox.text(mail)).contains("We received a heel-pain report",
                "http://intake.test/email-confirmations/token-" + reportId, "http://intake.test/reports/" + reportId);
        assertThat(Mailbox.html(mail)).contains(
                "href=\"http://intake.test/email-confirmations/token-" + reportId + "\"",
                "href=\"http://intake.test/reports/" + reportId + "\"");
        assertNoHealthDetails(mail);
        assertThat(Mailbox.header(mail, "Message-ID")).isEqualTo("<" + email.deliveryId() + "@notification.clinic.local>");
        assertThat(Mailbox.header(mail, "X-Clinic-Delivery-Id")).isEqualTo(email.deliveryId().toString());
        assertThat(log.attempts(email.deliveryId())).containsExactly(new DeliveryLog.Attempt(1, "DELIVERED", null));
    }

    @Test
    void anUnconfirmedAddressWithoutAConfirmationPathGetsOnlyTheReceivedEmail() throws Exception {
        UUID reportId = UUID.randomUUID();
        String address = "nolink-" + reportId + "@example.test";
        intakeAnswers(reportId, """
                {"reportId": "%s", "email": "%s", "emailConfirmed": false, "confirmationPath": null}"""
                .formatted(reportId, address));

        send(kafka, decision(reportId, Disposition.ROUTINE_REVIEW));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        MimeMessage mail = onlyMailTo(address, reportId);
        assertThat(mail.getSubject()).isEqualTo("We received your heel-pain report");
        assertThat(Mailbox.text(mail)).contains("We received a heel-pain report", "http://intake.test/reports/" + reportId);
        assertThat(Mailbox.text(mail) + Mailbox.html(mail)).doesNotContain("email-confirmations", "confirm");
        assertNoHealthDetails(mail);
    }

    @Test
    void anAnswerWithoutTheConfirmedFlagCountsAsUnconfirmed() throws Exception {
        UUID reportId = UUID.randomUUID();
        String address = "noflag-" + reportId + "@example.test";
        intakeAnswers(reportId, """
                {"reportId": "%s", "email": "%s"}""".formatted(reportId, address));

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        MimeMessage mail = onlyMailTo(address, reportId);
        assertThat(mail.getSubject()).isEqualTo("We received your heel-pain report");
        assertNoHealthDetails(mail);
    }

    @Test
    void aRetriedDeliveryToAnUnconfirmedAddressCarriesNoHealthDetailsEither() throws Exception {
        UUID reportId = UUID.randomUUID();
        String address = "retry-" + reportId + "@example.test";
        intakeUnavailableTwiceThenKnows(reportId, address, UNCONFIRMED);

        send(kafka, decision(reportId, Disposition.EMERGENCY));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(reportId, "EMAIL", 0).equals("DELIVERED"));
        DeliveryLog.Delivery email = log.only(reportId, "EMAIL", 0);
        assertThat(log.attempts(email.deliveryId())).containsExactly(
                new DeliveryLog.Attempt(1, "TRANSIENT_FAILURE", "PatientContactServiceUnavailable"),
                new DeliveryLog.Attempt(2, "DELIVERED", null));
        MimeMessage mail = onlyMailTo(address, reportId);
        assertThat(mail.getSubject()).isEqualTo("We received your heel-pain report");
        assertThat(Mailbox.header(mail, "Message-ID")).isEqualTo("<" + email.deliveryId() + "@notification.clinic.local>");
        assertNoHealthDetails(mail);
        assertThat(Mailbox.text(mail) + Mailbox.html(mail)).doesNotContain("Seek emergency care now",
                "tendon rupture", "EMERGENCY");
    }

    @Test
    void anAnswerThatStillNamesThePatientIsReadAndTheNameIsMailedNowhere() throws Exception {
        // What the attacker typed as their "name": it must reach no inbox, plan email or not.
        String name = "URGENT from your doctor: stop all medication and call 555-0100";
        UUID confirmed = UUID.randomUUID();
        UUID unconfirmed = UUID.randomUUID();
        String confirmedAddress = "named-" + confirmed + "@example.test";
        String unconfirmedAddress = "named-" + unconfirmed + "@example.test";
        intakeAnswers(confirmed, """
                {"reportId": "%s", "name": "%s", "email": "%s", "emailConfirmed": true, "confirmationPath": null}"""
                .formatted(confirmed, name, confirmedAddress));
        intakeAnswers(unconfirmed, """
                {"reportId": "%s", "name": "%s", "email": "%s", "emailConfirmed": false,
                 "confirmationPath": "/email-confirmations/token-%s"}""".formatted(unconfirmed, name,
                unconfirmedAddress, unconfirmed));

        send(kafka, decision(confirmed, Disposition.SELF_CARE));
        send(kafka, decision(unconfirmed, Disposition.SELF_CARE));

        await().atMost(Duration.ofSeconds(30)).until(() -> log.status(confirmed, "EMAIL", 0).equals("DELIVERED")
                && log.status(unconfirmed, "EMAIL", 0).equals("DELIVERED"));
        MimeMessage plan = onlyMailTo(confirmedAddress, confirmed);
        MimeMessage received = onlyMailTo(unconfirmedAddress, unconfirmed);
        assertThat(plan.getSubject()).isEqualTo("Your self-care plan");
        assertThat(received.getSubject()).isEqualTo("We received your heel-pain report");
        for (MimeMessage mail : List.of(plan, received)) {
            assertThat(mail.getSubject() + Mailbox.text(mail) + Mailbox.html(mail))
                    .doesNotContain(name, "URGENT from your doctor", "555-0100");
        }
    }

    /** The notice's headline, message, plan and disposition: none of it goes to an address nobody vouched for. */
    private static void assertNoHealthDetails(MimeMessage mail) {
        String all = Mailbox.text(mail) + Mailbox.html(mail);
        assertThat(all).doesNotContain("Your self-care plan", "Your answers suggest",
                "Likely plantar heel pain", "Reduce painful miles", "Calf and plantar fascia stretches",
                "Numbness or tingling", "Re-check in 2 weeks", "Interim advice", "What to do:",
                "A clinician will review", "SELF_CARE", "ROUTINE_REVIEW");
    }

    private static MimeMessage onlyMailTo(String address, UUID reportId) {
        List<MimeMessage> mails = Mailbox.to(address, reportId.toString());
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static void intakeKnows(UUID reportId, String email, boolean confirmed) {
        intakeAnswers(reportId, contactJson(reportId, email, confirmed));
    }

    private static void intakeAnswers(UUID reportId, String json) {
        TestServers.http().stubFor(TestServers.contactLookupOf(reportId).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TestServers.CONTACT_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(TestServers.contactsAnswer(List.of(json), List.of()))));
    }

    /** Intake answers 503 to the first two contact lookups of the report, then the contact. */
    private static void intakeUnavailableTwiceThenKnows(UUID reportId, String email, boolean confirmed) {
        String path = "contacts of " + reportId; // the scenario's name
        TestServers.http().stubFor(TestServers.contactLookupOf(reportId).atPriority(1).inScenario(path)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("second").willReturn(aResponse().withStatus(503)));
        TestServers.http().stubFor(TestServers.contactLookupOf(reportId).atPriority(1).inScenario(path)
                .whenScenarioStateIs("second").willSetStateTo("third").willReturn(aResponse().withStatus(503)));
        intakeKnows(reportId, email, confirmed, path, "third");
    }

    private static void intakeKnows(UUID reportId, String email, boolean confirmed, String path, String state) {
        TestServers.http().stubFor(TestServers.contactLookupOf(reportId).atPriority(1).inScenario(path).whenScenarioStateIs(state)
                .withHeader("Authorization", equalTo("Bearer " + TestServers.CONTACT_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(TestServers.contactsAnswer(List.of(contactJson(reportId, email, confirmed)),
                                List.of()))));
    }

    /** Intake's answer: an unconfirmed address comes with the path of its confirmation link. */
    private static String contactJson(UUID reportId, String email, boolean confirmed) {
        String confirmationPath = confirmed ? "null" : "\"/email-confirmations/token-" + reportId + "\"";
        return """
                {"reportId": "%s", "email": "%s", "emailConfirmed": %s, "confirmationPath": %s}"""
                .formatted(reportId, email, confirmed, confirmationPath);
    }
}
