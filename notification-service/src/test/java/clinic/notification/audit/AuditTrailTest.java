package clinic.notification.audit;

import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import clinic.notification.log.Channel;
import clinic.notification.log.Notification;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every access to patient data leaves exactly one audit row, whatever the answer was. */
@NotificationServiceTest
class AuditTrailTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotificationRepository notifications;

    @LocalServerPort
    int port;

    @Test
    void aClinicianReadingTheDeliveryLogOfAReportIsOneAllowedRow() {
        String reportId = UUID.randomUUID().toString();

        assertThat(mvc.get().uri("/api/v1/notifications?reportId=" + reportId)
                .header("Authorization", bearer(TestIssuer.get().clinician("dr-audit")))).hasStatusOk();

        assertThat(rowsFor(reportId)).containsExactly(new Row("dr-audit", "CLINICIAN", "NOTIFICATIONS_READ",
                reportId, "ALLOWED", 200));
    }

    @Test
    void aMachineClientIsRecordedByItsClientIdWithRoleClient() {
        String reportId = UUID.randomUUID().toString();

        assertThat(mvc.get().uri("/api/v1/notifications?reportId=" + reportId)
                .header("Authorization", bearer(TestIssuer.get().client("clinic-integration", "notifications:read"))))
                .hasStatusOk();

        assertThat(rowsFor(reportId)).containsExactly(new Row("clinic-integration", "CLIENT", "NOTIFICATIONS_READ",
                reportId, "ALLOWED", 200));
    }

    @Test
    void aRequestWithoutAValidTokenIsOneUnauthenticatedRow() {
        String reportId = UUID.randomUUID().toString();

        assertThat(mvc.get().uri("/api/v1/notifications?reportId=" + reportId)).hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/notifications?reportId=" + reportId)
                .header("Authorization", bearer(TestIssuer.get().expired("dr-audit")))).hasStatus(401);

        assertThat(rowsFor(reportId)).containsExactly(
                new Row("anonymous", "ANONYMOUS", "NOTIFICATIONS_READ", reportId, "UNAUTHENTICATED", 401),
                new Row("anonymous", "ANONYMOUS", "NOTIFICATIONS_READ", reportId, "UNAUTHENTICATED", 401));
    }

    @Test
    void aPatientAskingForTheDeliveryLogIsOneDeniedRow() {
        String reportId = UUID.randomUUID().toString();

        assertThat(mvc.get().uri("/api/v1/notifications?reportId=" + reportId)
                .header("Authorization", bearer(TestIssuer.get().patient("patient-audit")))).hasStatus(403);

        assertThat(rowsFor(reportId)).containsExactly(new Row("patient-audit", "PATIENT", "NOTIFICATIONS_READ",
                reportId, "DENIED", 403));
    }

    /** Issue 12: a HEAD of the delivery log was let through to a patient, and wrote no row for anybody. */
    @Test
    void aHeadOfTheDeliveryLogIsRecordedLikeTheGet() {
        String reportId = UUID.randomUUID().toString();

        assertThat(mvc.head().uri("/api/v1/notifications?reportId=" + reportId)
                .header("Authorization", bearer(TestIssuer.get().clinician("dr-head")))).hasStatusOk();
        assertThat(mvc.head().uri("/api/v1/notifications?reportId=" + reportId)
                .header("Authorization", bearer(TestIssuer.get().patient("patient-head")))).hasStatus(403);

        assertThat(rowsFor(reportId)).containsExactly(
                new Row("dr-head", "CLINICIAN", "NOTIFICATIONS_READ", reportId, "ALLOWED", 200),
                new Row("patient-head", "PATIENT", "NOTIFICATIONS_READ", reportId, "DENIED", 403));
    }

    @Test
    void aReportIdThatIsNotAnIdIsRejectedAndNotCopiedIntoTheTrail() {
        String actor = "dr-" + UUID.randomUUID();

        assertThat(mvc.get().uri("/api/v1/notifications?reportId=Jane Doe jane@example.test")
                .header("Authorization", bearer(TestIssuer.get().clinician(actor)))).hasStatus(400);

        assertThat(rowsBy(actor)).containsExactly(new Row(actor, "CLINICIAN", "NOTIFICATIONS_READ", null,
                "REJECTED", 400));
    }

    @Test
    void readingTheAlertQueueIsOneRowWithoutObjectId() {
        String clinician = "dr-" + UUID.randomUUID();
        String patient = "patient-" + UUID.randomUUID();

        assertThat(mvc.get().uri("/api/v1/alerts")
                .header("Authorization", bearer(TestIssuer.get().clinician(clinician))))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/alerts").header("Authorization", bearer(TestIssuer.get().patient(patient))))
                .hasStatus(403);

        assertThat(rowsBy(clinician)).containsExactly(new Row(clinician, "CLINICIAN", "ALERTS_READ", null,
                "ALLOWED", 200));
        assertThat(rowsBy(patient)).containsExactly(new Row(patient, "PATIENT", "ALERTS_READ", null, "DENIED", 403));
    }

    @Test
    void openingTheAlertStreamIsOneRow() throws Exception {
        String clinician = "dr-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", bearer(TestIssuer.get().clinician(clinician))).build();

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !rowsBy(clinician).isEmpty());
        assertThat(rowsBy(clinician)).containsExactly(new Row(clinician, "CLINICIAN", "ALERTS_STREAM", null,
                "ALLOWED", 200));
    }

    @Test
    void acknowledgingIsOneRowPerRequestWithTheAlertId() {
        Notification alert = notifications.save(new Notification(UUID.randomUUID(), NotificationKind.CLINICIAN_ALERT,
                Channel.CLINICIAN_DASHBOARD, Priority.of(Disposition.URGENT_REVIEW), "{\"disposition\":\"URGENT_REVIEW\","
                + "\"redFlags\":[],\"reasons\":[]}", UUID.randomUUID(), Instant.now()));
        String alertId = alert.id().toString();
        String unknown = UUID.randomUUID().toString();

        assertThat(mvc.post().uri("/api/v1/alerts/" + alertId + "/acknowledgement")
                .header("Authorization", bearer(TestIssuer.get().clinician("dr-ack")))).hasStatusOk();
        assertThat(mvc.post().uri("/api/v1/alerts/" + alertId + "/acknowledgement")
                .header("Authorization", bearer(TestIssuer.get().ops("ops-ack")))).hasStatus(403);
        assertThat(mvc.post().uri("/api/v1/alerts/" + unknown + "/acknowledgement")
                .header("Authorization", bearer(TestIssuer.get().clinician("dr-ack")))).hasStatus(404);

        assertThat(rowsFor(alertId)).containsExactly(
                new Row("dr-ack", "CLINICIAN", "ALERT_ACKNOWLEDGE", alertId, "ALLOWED", 200),
                new Row("ops-ack", "OPS", "ALERT_ACKNOWLEDGE", alertId, "DENIED", 403));
        assertThat(rowsFor(unknown)).containsExactly(
                new Row("dr-ack", "CLINICIAN", "ALERT_ACKNOWLEDGE", unknown, "NOT_FOUND", 404));
    }

    @Test
    void opsSeesTheCliniciansViewsOfAReportNewestFirst() {
        String reportId = UUID.randomUUID().toString();
        String path = "/api/v1/notifications?reportId=" + reportId;
        mvc.get().uri(path).header("Authorization", bearer(TestIssuer.get().clinician("dr-one"))).exchange();
        mvc.get().uri(path).header("Authorization", bearer(TestIssuer.get().patient("patient-one"))).exchange();
        mvc.get().uri(path).header("Authorization", bearer(TestIssuer.get().clinician("dr-two"))).exchange();

        MvcTestResult result = mvc.get().uri("/ops/v1/audit-events?objectId={id}&role=CLINICIAN", reportId)
                .header("Authorization", bearer(TestIssuer.get().ops("ops-audit"))).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$[*].actor").asArray().containsExactly("dr-two", "dr-one");
        assertThat(result).bodyJson().extractingPath("$[0]").asMap()
                .containsOnlyKeys("occurredAt", "actor", "role", "action", "objectId", "outcome", "httpStatus")
                .containsAllEntriesOf(Map.of("role", "CLINICIAN", "action", "NOTIFICATIONS_READ",
                        "objectId", reportId, "outcome", "ALLOWED", "httpStatus", 200));
        assertThat(mvc.get().uri("/ops/v1/audit-events?objectId={id}", reportId)
                .header("Authorization", bearer(TestIssuer.get().ops("ops-audit")))).bodyJson()
                .extractingPath("$[*].actor").asArray()
                // the first ops read of this report's trail is in its trail too
                .containsExactly("ops-audit", "dr-two", "patient-one", "dr-one");
        // reading the trail is itself audited
        assertThat(rowsFor(reportId)).filteredOn(row -> row.action().equals("AUDIT_READ")).hasSize(2)
                .allSatisfy(row -> assertThat(row.actor()).isEqualTo("ops-audit"));
    }

    @Test
    void theAuditEndpointIsForOpsOnlyAndNeedsAnObjectId() {
        String actor = "ops-" + UUID.randomUUID();
        assertThat(mvc.get().uri("/ops/v1/audit-events?objectId=" + UUID.randomUUID())
                .header("Authorization", bearer(TestIssuer.get().clinician("dr-nosy")))).hasStatus(403);

        MvcTestResult missing = mvc.get().uri("/ops/v1/audit-events")
                .header("Authorization", bearer(TestIssuer.get().ops(actor))).exchange();
        MvcTestResult blank = mvc.get().uri("/ops/v1/audit-events").param("objectId", " ")
                .header("Authorization", bearer(TestIssuer.get().ops(actor))).exchange();

        assertThat(missing).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(blank).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(rowsBy(actor)).extracting(Row::outcome).containsExactly("REJECTED", "REJECTED");
    }

    @Test
    void routesWithoutPatientDataLeaveNoRow() {
        long before = jdbc.sql("select count(*) from audit_event").query(Long.class).single();

        // liveness: /actuator/health is 503 until the listeners hold their partitions, right after start-up
        assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/prometheus").header("Authorization", bearer(TestIssuer.get().ops("ops-a"))))
                .hasStatusOk();

        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(before);
    }

    private List<Row> rowsFor(String objectId) {
        return jdbc.sql("select actor, actor_role, action, object_id, outcome, http_status from audit_event "
                + "where object_id = ? order by id").param(objectId).query(Row.class).list();
    }

    private List<Row> rowsBy(String actor) {
        return jdbc.sql("select actor, actor_role, action, object_id, outcome, http_status from audit_event "
                + "where actor = ? order by id").param(actor).query(Row.class).list();
    }

    private static String bearer(String token) {
        return TestIssuer.bearer(token);
    }

    record Row(String actor, String actorRole, String action, String objectId, String outcome, int httpStatus) {
    }
}
