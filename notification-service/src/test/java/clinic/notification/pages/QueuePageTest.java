package clinic.notification.pages;

import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import clinic.notification.log.Channel;
import clinic.notification.log.Notification;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clinicians' queue page over real HTTP with a real page login (authorization code with PKCE at the test
 * issuer, the session in the database): what the page lists, acknowledging from it, and who may not see it.
 */
@NotificationServiceTest
class QueuePageTest {

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
        clinician = PageClient.signedIn(port, "dr-queue", "CLINICIAN");
    }

    @Test
    void anUrgentReviewIsListedWithItsRedFlagWaitingTimeAndEscalationDeadline() {
        UUID reportId = UUID.randomUUID();

        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));
        UUID alertId = awaitAlert(reportId);

        String page = clinician.get("/").body();
        assertThat(page).contains("Work queue", "Signed in as <span>dr-queue</span>");
        String row = rowOf(page, alertId);
        assertThat(row).contains("P2", "Urgent review", "Fever", reportId.toString(), "Acknowledge");
        // raised just now, escalating after the urgent-review deadline (30 minutes by default)
        assertThat(row).containsPattern("<time datetime=\"[^\"]+\">\\d+ (s|min)</time>")
                .containsPattern("<td>(29|30) min</td>");
        assertThat(clinician.get("/queue").body()).contains(alertId.toString()).doesNotContain("<html");
    }

    @Test
    void acknowledgingFromTheQueueRecordsTheSignedInClinicianAndTheAlertLeavesTheQueue() {
        UUID reportId = UUID.randomUUID();
        send(kafka, urgentReview(reportId, Disposition.EMERGENCY));
        UUID alertId = awaitAlert(reportId);
        assertThat(clinician.get("/").body()).contains(alertId.toString());

        HttpResponse<String> acknowledged = clinician.post("/alerts/" + alertId + "/acknowledgement", Map.of());

        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(acknowledged.headers().firstValue("Location").orElseThrow()).endsWith("/");
        assertThat(notifications.findById(alertId).orElseThrow().acknowledgedBy()).isEqualTo("dr-queue");
        assertThat(clinician.get("/").body()).doesNotContain(alertId.toString());
        assertThat(jdbc.queryForList("select action || ' ' || outcome || ' ' || actor || ' ' || actor_role "
                + "from audit_event where object_id = ?", String.class, alertId.toString()))
                .containsExactly("ALERT_ACKNOWLEDGE ALLOWED dr-queue CLINICIAN");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() {
        UUID reportId = UUID.randomUUID();
        send(kafka, urgentReview(reportId, Disposition.URGENT_REVIEW));
        UUID alertId = awaitAlert(reportId);

        assertThat(clinician.postWithoutCsrf("/alerts/" + alertId + "/acknowledgement", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(notifications.findById(alertId).orElseThrow().acknowledgedAt()).isNull();
    }

    @Test
    void acknowledgingAnUnknownAlertIsTheNotFoundPage() {
        HttpResponse<String> answer = clinician.post("/alerts/" + UUID.randomUUID() + "/acknowledgement",
                Map.of());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.body()).contains("Not found").doesNotContain("Exception", "\"status\"");
    }

    @Test
    void aRoutineReviewIsListedBesideTheAlertsWithItsTopCondition() {
        UUID reportId = UUID.randomUUID();

        send(kafka, decision(reportId, Disposition.ROUTINE_REVIEW));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications
                .findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                .anyMatch(n -> n.kind() == NotificationKind.ROUTINE_REVIEW_ITEM));

        String page = clinician.get("/").body();
        String routine = page.substring(page.indexOf("id=\"routine-title\""));
        int at = routine.indexOf(reportId.toString());
        assertThat(at).as("the report in the routine list").isPositive();
        String row = routine.substring(routine.lastIndexOf("<tr", at), routine.indexOf("</tr>", at));
        assertThat(row).contains("Routine review", "Plantar heel pain");
    }

    @Test
    void aRoutineItemWhoseStoredContentLacksPartsIsStillListedAndTheQueueStillShows() {
        UUID reportId = UUID.randomUUID();
        notifications.save(new Notification(reportId, NotificationKind.ROUTINE_REVIEW_ITEM,
                Channel.CLINICIAN_DASHBOARD, Priority.P3, "{}", UUID.randomUUID(), Instant.now()));

        HttpResponse<String> page = clinician.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(reportId.toString(), "None scored");
    }

    @Test
    void theFeedOpensWithThePagesSessionCookie() throws IOException {
        HttpResponse<InputStream> feed = clinician.stream("/alerts/feed");
        try (InputStream body = feed.body()) {
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        }
    }

    @Test
    void aPatientsPageLoginIsRefusedAndAnAnonymousVisitorIsSentToTheLogin() {
        PageClient patient = PageClient.signedIn(port, "patient-q", "PATIENT");

        assertThat(patient.get("/").statusCode()).isEqualTo(403);
        assertThat(patient.get("/queue").statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = PageClient.anonymous(port).get("/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/clinic");
    }

    @Test
    void thePagesRunOnlyTheirOwnScriptAndAreNeverCached() {
        HttpResponse<String> page = clinician.get("/");

        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(page.body()).contains("<script src=\"/queue.js\"></script>").doesNotContain("<script>");
    }

    private UUID awaitAlert(UUID reportId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> notifications
                        .findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                        .filter(n -> n.kind() == NotificationKind.CLINICIAN_ALERT).findFirst(),
                java.util.Optional::isPresent).orElseThrow().id();
    }

    private static String rowOf(String page, UUID alertId) {
        int at = page.indexOf("data-alert-id=\"" + alertId + "\"");
        assertThat(at).as("a row for alert " + alertId).isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }
}
