package clinic.notification.log;

import clinic.events.OutgoingEvent;
import clinic.events.SubmittedBy;
import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, finding 3: the integration client read the delivery log of a report a patient submitted through the
 * web form. The triage events name the report's submitter, and a client reads only the logs of its own
 * reports; someone else's report answers exactly like one without notifications, and the trail records it.
 */
@NotificationServiceTest
class ReportOwnershipTest {

    private static final String INTEGRATION = TestIssuer.bearer(
            TestIssuer.get().client("clinic-integration", "notifications:read"));
    private static final String OTHER_CLIENT = TestIssuer.bearer(
            TestIssuer.get().client("other-clinic", "notifications:read"));
    private static final String CLINICIAN = TestIssuer.bearer(TestIssuer.get().clinician("dr-owner"));
    private static final String OPS = TestIssuer.bearer(TestIssuer.get().ops("ops-owner"));

    @Autowired
    MockMvcTester mvc;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aClientReadsOnlyTheDeliveryLogsOfReportsItSubmitted() throws Exception {
        UUID clients = UUID.randomUUID();
        UUID patients = UUID.randomUUID();
        UUID unnamed = UUID.randomUUID();
        publishUrgentReport(clients, SubmittedBy.client("clinic-integration"));
        publishUrgentReport(patients, SubmittedBy.person());
        send(kafka, urgentReview(unnamed, Disposition.URGENT_REVIEW));
        send(kafka, decision(unnamed, Disposition.URGENT_REVIEW));
        for (UUID report : new UUID[]{clients, patients, unnamed}) {
            await().until(() -> notifications.findByReportIdOrderByCreatedAtAscIdAsc(report).size() == 2);
        }

        assertThat(logLength(clients, INTEGRATION)).isEqualTo(2);
        assertThat(logLength(patients, INTEGRATION)).as("a patient's report looks like an unknown one").isZero();
        assertThat(logLength(unnamed, INTEGRATION)).as("no named owner: staff only").isZero();
        assertThat(logLength(clients, OTHER_CLIENT)).isZero();
        for (UUID report : new UUID[]{clients, patients, unnamed}) {
            assertThat(logLength(report, CLINICIAN)).isEqualTo(2);
            assertThat(logLength(report, OPS)).isEqualTo(2);
        }
        assertThat(jdbc.sql("select outcome from audit_event where object_id = ? and actor = 'clinic-integration'")
                .param(patients.toString()).query(String.class).list()).containsExactly("DENIED");
    }

    private void publishUrgentReport(UUID reportId, SubmittedBy submitter) {
        OutgoingEvent review = submitter.stamp(urgentReview(reportId, Disposition.URGENT_REVIEW));
        OutgoingEvent decided = submitter.stamp(decision(reportId, Disposition.URGENT_REVIEW));
        send(kafka, review);
        send(kafka, decided);
    }

    private int logLength(UUID reportId, String bearer) throws Exception {
        MvcTestResult result = mvc.get().uri("/api/v1/notifications?reportId={id}", reportId)
                .header("Authorization", bearer).exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8).split("\"notificationId\"").length
                - 1;
    }
}
