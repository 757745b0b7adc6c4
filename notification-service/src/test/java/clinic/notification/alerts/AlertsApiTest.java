package clinic.notification.alerts;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestEvents;
import clinic.notification.log.Channel;
import clinic.notification.log.Notification;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import clinic.notification.log.Priority;
import clinic.support.testing.TestIssuer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@NotificationServiceTest
class AlertsApiTest {

    private static final String CLINICIAN = TestIssuer.bearer(TestIssuer.get().clinician("dr-test"));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    JsonMapper json;

    @Test
    void listsOpenAlertsMostUrgentFirstThenOldestFirst() {
        Notification urgentOld = alert(Disposition.URGENT_REVIEW, "2020-01-01T10:00:00Z");
        Notification emergencyNew = alert(Disposition.EMERGENCY, "2020-01-01T12:00:00Z");
        Notification urgentNew = alert(Disposition.URGENT_REVIEW, "2020-01-01T11:00:00Z");
        Notification emergencyOld = alert(Disposition.EMERGENCY, "2020-01-01T11:30:00Z");
        List<String> mine = List.of(urgentOld, emergencyNew, urgentNew, emergencyOld).stream()
                .map(n -> n.id().toString()).toList();

        MvcTestResult result = mvc.get().uri("/api/v1/alerts").header("Authorization", CLINICIAN).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$[*].alertId").asArray()
                .filteredOn(mine::contains)
                .containsExactly(emergencyOld.id().toString(), emergencyNew.id().toString(),
                        urgentOld.id().toString(), urgentNew.id().toString());
    }

    @Test
    void showsAnAlertWithItsReasonsAndALinkToTheTriageDecision() {
        Notification alert = alert(Disposition.EMERGENCY, "2020-02-01T08:00:00Z");

        MvcTestResult result = mvc.get().uri("/api/v1/alerts").header("Authorization", CLINICIAN).exchange();

        assertThat(result).bodyJson().extractingPath("$[?(@.alertId == '%s')]".formatted(alert.id()))
                .asArray().singleElement().asInstanceOf(InstanceOfAssertFactories.MAP).containsAllEntriesOf(Map.of(
                        "alertId", alert.id().toString(),
                        "reportId", alert.reportId().toString(),
                        "disposition", "EMERGENCY",
                        "priority", "P1",
                        "redFlags", List.of("SUSPECTED_RUPTURE_OR_FRACTURE"),
                        "reasons", List.of(Map.of("ruleId", "RF-POP", "disposition", "EMERGENCY",
                                "because", List.of("suddenOnsetWithPopOrSnap = true"), "source", "pop or snap")),
                        "reportLink", "http://triage.test/api/v1/triage-decisions/" + alert.reportId(),
                        "createdAt", "2020-02-01T08:00:00Z",
                        "status", "OPEN"));
    }

    @Test
    void acknowledgingTwiceKeepsTheFirstAcknowledgementAndClosesTheAlert() {
        Notification alert = alert(Disposition.URGENT_REVIEW, "2020-03-01T08:00:00Z");
        String uri = "/api/v1/alerts/" + alert.id() + "/acknowledgement";

        MvcTestResult first = mvc.post().uri(uri).header("Authorization", bearerOf("dr-first")).exchange();
        MvcTestResult second = mvc.post().uri(uri).header("Authorization", bearerOf("dr-second")).exchange();

        assertThat(first).hasStatusOk();
        assertThat(first).bodyJson().extractingPath("$.status").isEqualTo("ACKNOWLEDGED");
        assertThat(first).bodyJson().extractingPath("$.acknowledgedBy").isEqualTo("dr-first");
        assertThat(second).hasStatusOk();
        assertThat(second).bodyJson().extractingPath("$.acknowledgedBy").isEqualTo("dr-first");
        String acknowledgedAt = notifications.findById(alert.id()).orElseThrow().acknowledgedAt().toString();
        assertThat(second).bodyJson().extractingPath("$.acknowledgedAt").isEqualTo(acknowledgedAt);
        assertThat(mvc.get().uri("/api/v1/alerts").header("Authorization", CLINICIAN)).bodyJson()
                .extractingPath("$[*].alertId").asArray().doesNotContain(alert.id().toString());
    }

    @Test
    void theAcknowledgingClinicianIsTheTokensSubjectNotANameInTheBody() {
        Notification alert = alert(Disposition.URGENT_REVIEW, "2020-04-01T08:00:00Z");

        MvcTestResult result = mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", alert.id())
                .header("Authorization", bearerOf("dr-token-subject"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"acknowledgedBy\":\"dr-someone-else\"}").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.acknowledgedBy").isEqualTo("dr-token-subject");
        assertThat(notifications.findById(alert.id()).orElseThrow().acknowledgedBy()).isEqualTo("dr-token-subject");
    }

    @Test
    void acknowledgingAnUnknownAlertIsANotFoundProblem() {
        MvcTestResult result = mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", UUID.randomUUID())
                .header("Authorization", CLINICIAN).exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(404);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Alert not found");
    }

    @Test
    void aNotificationThatIsNotAnAlertCannotBeAcknowledged() {
        Notification notice = notifications.save(new Notification(UUID.randomUUID(), NotificationKind.PATIENT_NOTICE,
                Channel.PATIENT_MESSAGE, Priority.P4, "{}", UUID.randomUUID(), Instant.now()));

        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledgement", notice.id())
                .header("Authorization", CLINICIAN)).hasStatus(404);
        assertThat(notifications.findById(notice.id()).orElseThrow().acknowledgedBy()).isNull();
    }

    @Test
    void rejectsAMalformedAlertIdWithAProblemNamingIt() {
        MvcTestResult result = mvc.post().uri("/api/v1/alerts/not-a-uuid/acknowledgement").header("Authorization", CLINICIAN).exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("alertId");
    }

    private static String bearerOf(String clinician) {
        return TestIssuer.bearer(TestIssuer.get().clinician(clinician));
    }

    private Notification alert(Disposition disposition, String createdAt) {
        RedFlag flag = disposition == Disposition.EMERGENCY ? RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE : RedFlag.FEVER;
        FiredRule rule = disposition == Disposition.EMERGENCY
                ? new FiredRule("RF-POP", disposition, List.of("suddenOnsetWithPopOrSnap = true"), "pop or snap")
                : new FiredRule("RF-FEVER", disposition, List.of("symptoms has FEVER"), "fever");
        AlertContent content = new AlertContent(disposition, List.of(flag), List.of(rule), TestEvents.RULESET,
                TestEvents.TIME);
        return notifications.save(new Notification(UUID.randomUUID(), NotificationKind.CLINICIAN_ALERT,
                Channel.CLINICIAN_DASHBOARD, Priority.of(disposition), json.writeValueAsString(content),
                UUID.randomUUID(), Instant.parse(createdAt)));
    }
}
