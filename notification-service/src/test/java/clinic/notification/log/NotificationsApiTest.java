package clinic.notification.log;

import clinic.notification.NotificationServiceTest;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@NotificationServiceTest
class NotificationsApiTest {

    private static final String CLINICIAN = TestIssuer.bearer(TestIssuer.get().clinician("dr-test"));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    NotificationRepository notifications;

    @Test
    void listsTheNotificationsOfAReportOldestFirst() {
        UUID reportId = UUID.randomUUID();
        Notification notice = notifications.save(new Notification(reportId, NotificationKind.PATIENT_NOTICE,
                Channel.PATIENT_MESSAGE, Priority.P3, "{}", UUID.randomUUID(), Instant.parse("2026-01-01T10:00:00Z")));
        Notification item = notifications.save(new Notification(reportId, NotificationKind.ROUTINE_REVIEW_ITEM,
                Channel.CLINICIAN_DASHBOARD, Priority.P3, "{}", UUID.randomUUID(),
                Instant.parse("2026-01-01T10:00:01Z")));
        notifications.save(new Notification(UUID.randomUUID(), NotificationKind.PATIENT_NOTICE,
                Channel.PATIENT_MESSAGE, Priority.P4, "{}", UUID.randomUUID(), Instant.parse("2026-01-01T09:00:00Z")));

        MvcTestResult result = mvc.get().uri("/api/v1/notifications?reportId={id}", reportId).header("Authorization", CLINICIAN).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                [{"notificationId": "%s", "reportId": "%s", "kind": "PATIENT_NOTICE", "channel": "PATIENT_MESSAGE",
                  "priority": "P3", "status": "PENDING", "createdAt": "2026-01-01T10:00:00Z", "deliveredAt": null},
                 {"notificationId": "%s", "reportId": "%s", "kind": "ROUTINE_REVIEW_ITEM",
                  "channel": "CLINICIAN_DASHBOARD", "priority": "P3", "status": "PENDING",
                  "createdAt": "2026-01-01T10:00:01Z", "deliveredAt": null}]
                """.formatted(notice.id(), reportId, item.id(), reportId));
        assertThat(result).bodyJson().extractingPath("$.length()").isEqualTo(2);
        assertThat(result).bodyJson().doesNotHavePath("$[0].content");
    }

    @Test
    void answersAnEmptyListForAReportWithoutNotifications() {
        assertThat(mvc.get().uri("/api/v1/notifications?reportId={id}", UUID.randomUUID()).header("Authorization", CLINICIAN))
                .hasStatusOk()
                .bodyJson().isStrictlyEqualTo("[]");
    }

    @Test
    void rejectsAMalformedReportIdWithAProblemNamingTheParameter() {
        MvcTestResult result = mvc.get().uri("/api/v1/notifications?reportId=not-a-uuid").header("Authorization", CLINICIAN).exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("reportId");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("reportId")
                .doesNotContain("not-a-uuid");
    }

    @Test
    void rejectsAMissingReportIdWithAProblemNamingTheParameter() {
        MvcTestResult result = mvc.get().uri("/api/v1/notifications").header("Authorization", CLINICIAN).exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("reportId");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("reportId");
    }
}
