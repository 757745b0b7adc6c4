package clinic.notification.pages;

import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestServers;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A report's case page over real HTTP with a real page login: who to contact (fetched from intake, here its
 * stand-in, when the page opens), the rules' decision, the alert, the delivery log, and closing the review, which
 * publishes the outcome without the note and stops the alert's escalation.
 */
@NotificationServiceTest
class CasePageTest {

    private static final String NAME = "Rowan Casefile";
    private static final String PHONE = "+441632960777";
    private static final String NOTE = "Called at 10:05; sent to the emergency department for an X-ray.";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    JdbcTemplate jdbc;

    PageClient clinician;

    @BeforeEach
    void signIn() {
        clinician = PageClient.signedIn(port, "dr-case", "CLINICIAN");
    }

    @Test
    void showsWhoToContactTheAnswersTheRulesDecisionTheAlertAndTheDeliveries() {
        UUID reportId = urgentCase();
        intakeKnows(reportId);

        HttpResponse<String> page = clinician.get("/cases/" + reportId);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(NAME, "PAT-CASE-1", "href=\"tel:" + PHONE + "\"", "rowan@example.org",
                "Do you have diabetes?", "No",
                "Fever", "RF-FEVER", "Source statement for FEVER", "Plantar heel pain", "+ bottom or inner heel",
                "heel-pain 1.0.0", "Open alert", "Acknowledge", "Clinician alert", "Close the review");
        assertThat(jdbc.queryForList("select action || ' ' || outcome || ' ' || actor from audit_event "
                + "where object_id = ? and action = 'CASE_READ'", String.class, reportId.toString()))
                .containsExactly("CASE_READ ALLOWED dr-case");
    }

    @Test
    void closingTheReviewRecordsItPublishesTheOutcomeWithoutTheNoteAndAcknowledgesTheAlert() {
        UUID reportId = urgentCase();
        intakeKnows(reportId);

        HttpResponse<String> closed = clinician.post("/cases/" + reportId + "/review",
                Map.of("disposition", "EMERGENCY", "condition", "CALCANEAL_STRESS_FRACTURE", "note", NOTE));

        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(302);
        assertThat(closed.headers().firstValue("Location").orElseThrow()).endsWith("/cases/" + reportId);
        Map<String, Object> review = jdbc.queryForMap("select * from review where report_id = ?", reportId);
        assertThat(review).containsEntry("clinician_disposition", "EMERGENCY")
                .containsEntry("clinician_condition", "CALCANEAL_STRESS_FRACTURE").containsEntry("closed_by", "dr-case")
                .containsEntry("note", NOTE);
        assertThat(notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                .filter(n -> n.kind() == NotificationKind.CLINICIAN_ALERT).findFirst().orElseThrow().acknowledgedBy())
                .as("closing the review stops the alert's escalation").isEqualTo("dr-case");
        Map<String, Object> event = jdbc.queryForMap("select * from outbox_event where message_key = ? and topic = ?",
                reportId.toString(), "clinic.review-outcomes.v1");
        assertThat(event).containsEntry("event_type", "clinic.notification.review-completed.v1");
        assertThat((String) event.get("payload")).contains("\"rulesDisposition\":\"URGENT_REVIEW\"",
                "\"clinicianDisposition\":\"EMERGENCY\"", "\"clinicianCondition\":\"CALCANEAL_STRESS_FRACTURE\"",
                "\"rulesTopCondition\":\"PLANTAR_HEEL_PAIN\"", "\"reviewedBy\":\"dr-case\"")
                .doesNotContain("X-ray", "emergency department", NAME, PHONE);
        assertThat(clinician.get("/cases/" + reportId).body()).contains("Review outcome", "Calcaneal stress fracture",
                "Called at 10:05", "Judged more urgent than the rules").doesNotContain("Close the review</button>");
    }

    @Test
    void aSecondClosingChangesNothingAndSaysTheFirstOneStands() {
        UUID reportId = urgentCase();
        clinician.post("/cases/" + reportId + "/review",
                Map.of("disposition", "URGENT_REVIEW", "condition", "UNKNOWN"));

        HttpResponse<String> again = clinician.post("/cases/" + reportId + "/review",
                Map.of("disposition", "SELF_CARE", "condition", "OTHER"));

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("?alreadyClosed");
        assertThat(jdbc.queryForObject("select clinician_disposition from review where report_id = ?", String.class,
                reportId)).isEqualTo("URGENT_REVIEW");
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ? and topic = ?",
                Long.class, reportId.toString(), "clinic.review-outcomes.v1")).isEqualTo(1);
    }

    @Test
    void aFormWithoutChoicesOrWithAControlCharacterComesBackWithItsMistakesAndRecordsNothing() {
        UUID reportId = urgentCase();

        HttpResponse<String> empty = clinician.post("/cases/" + reportId + "/review", Map.of());
        HttpResponse<String> badNote = clinician.post("/cases/" + reportId + "/review",
                Map.of("disposition", "EMERGENCY", "condition", "OTHER", "note", "line\u0000break"));

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Error: Case", "Choose the disposition you judged right",
                "Choose the condition you found");
        assertThat(badNote.statusCode()).isEqualTo(400);
        assertThat(badNote.body()).contains("Use plain text").containsPattern("value=\"EMERGENCY\"[^>]*checked");
        assertThat(jdbc.queryForObject("select closed_at from review where report_id = ?", java.sql.Timestamp.class,
                reportId)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ? and topic = ?",
                Long.class, reportId.toString(), "clinic.review-outcomes.v1")).isZero();
    }

    @Test
    void closingARoutineReviewTakesItOffTheRoutineQueue() {
        UUID reportId = UUID.randomUUID();
        send(kafka, decision(reportId, Disposition.ROUTINE_REVIEW));
        await().atMost(Duration.ofSeconds(10)).until(() -> clinician.get("/").body().contains(reportId.toString()));

        clinician.post("/cases/" + reportId + "/review", Map.of("disposition", "ROUTINE_REVIEW", "condition",
                "PLANTAR_HEEL_PAIN"));

        assertThat(clinician.get("/").body()).doesNotContain(reportId.toString());
    }

    @Test
    void whenIntakeCannotBeAskedThePageSaysSoAndStillShowsTheDecision() {
        UUID reportId = urgentCase();
        TestServers.http().stubFor(get(urlEqualTo("/internal/v1/cases/" + reportId))
                .willReturn(aResponse().withStatus(503)));

        HttpResponse<String> page = clinician.get("/cases/" + reportId);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("details could not be fetched", "RF-FEVER")
                .doesNotContain(NAME);
    }

    @Test
    void anUnknownOrMalformedReportIsTheNotFoundPage() {
        assertThat(clinician.get("/cases/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = clinician.get("/cases/not-a-report");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(malformed.body()).contains("Not found").doesNotContain("Exception");
        assertThat(clinician.post("/cases/" + UUID.randomUUID() + "/review", Map.of("disposition", "EMERGENCY",
                "condition", "OTHER")).statusCode()).isEqualTo(404);
    }

    /** An urgent review and its decision, both recorded. */
    private UUID urgentCase() {
        UUID reportId = UUID.randomUUID();
        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));
        send(kafka, decision(reportId, Disposition.URGENT_REVIEW));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from review where report_id = ?", Long.class, reportId) == 1
                && notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                .anyMatch(n -> n.kind() == NotificationKind.CLINICIAN_ALERT));
        return reportId;
    }

    private static void intakeKnows(UUID reportId) {
        TestServers.http().stubFor(get(urlEqualTo("/internal/v1/cases/" + reportId))
                .withHeader("Authorization", equalTo("Bearer " + TestServers.CONTACT_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"reportId": "%s", "submittedAt": "2026-12-06T09:00:00Z",
                         "patient": {"externalId": "PAT-CASE-1", "name": "%s", "email": "rowan@example.org",
                                     "phone": "%s"},
                         "answers": [{"question": "Do you have diabetes?", "answer": "No"}]}"""
                        .formatted(reportId, NAME, PHONE))));
    }
}
