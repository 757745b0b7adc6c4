package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.EXTERNAL_ID;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case file a clinician's case page fetches: who to call (clinic patient number, name, email, phone) and the
 * answers in the form's own words, for the {@code cases:read} client only, every read audited, nothing logged.
 */
@IntakeServiceTest
@ExtendWith(OutputCaptureExtension.class)
class CaseFileTest {

    static final String CASES = "/internal/v1/cases/";
    static final String PHONE = "+441632960123";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    IntakeHttp http;
    IntakeHttp caseReader;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        caseReader = http.as(TestIssuer.get().client("notification-service", "cases:read"));
    }

    @Test
    void answersWhoToContactAndTheAnswersInPlainWordsAndLogsNone(CapturedOutput output) {
        UUID reportId = submit(TestReports.with("patient.phone", PHONE));

        HttpResponse<String> response = caseReader.get(CASES + reportId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode file = IntakeHttp.json(response);
        assertThat(file.get("reportId").asString()).isEqualTo(reportId.toString());
        assertThat(file.at("/patient/externalId").asString()).isEqualTo(EXTERNAL_ID);
        assertThat(file.at("/patient/name").asString()).isEqualTo(NAME);
        assertThat(file.at("/patient/email").asString()).isEqualTo(EMAIL);
        assertThat(file.at("/patient/phone").asString()).isEqualTo(PHONE);
        Map<String, String> answers = new LinkedHashMap<>();
        file.get("answers").forEach(answer -> answers.put(answer.get("question").asString(),
                answer.get("answer").asString()));
        assertThat(answers).hasSize(21)
                .containsEntry("Your age in years", "41")
                .containsEntry("Do you have diabetes?", "No")
                .containsEntry("Where does your heel hurt most?",
                        "Underneath the heel, towards the inner side of the foot")
                .containsEntry("Have you noticed any of these?", "None of these")
                .containsEntry("At its worst, how bad is the pain, from 0 to 10?", "5")
                .containsEntry("Is it getting worse even though you have cut back on running?", "No");
        assertThat(answers.keySet()).noneMatch(question -> question.startsWith("Your full name"));
        assertThat(output.getAll()).doesNotContain(NAME, EMAIL, PHONE);
    }

    @Test
    void aReportWithoutAPhoneHasNone() {
        UUID reportId = submit(TestReports.valid());

        JsonNode file = IntakeHttp.json(caseReader.get(CASES + reportId));

        assertThat(file.at("/patient/phone").isNull()).isTrue();
    }

    @Test
    void everyReadIsAnAuditRowNamingTheServiceAndTheReport() {
        UUID reportId = submit(TestReports.valid());

        caseReader.get(CASES + reportId);
        caseReader.get(CASES + reportId);

        assertThat(jdbc.queryForList("select action || ' ' || outcome || ' ' || actor from audit_event "
                + "where object_id = ? and action = 'CASE_FILE_READ'", String.class, reportId.toString()))
                .containsExactly("CASE_FILE_READ ALLOWED notification-service",
                        "CASE_FILE_READ ALLOWED notification-service");
    }

    @Test
    void anUnknownReportIsANotFoundProblemAndTheContactScopeIsNotEnough() {
        HttpResponse<String> unknown = caseReader.get(CASES + UUID.randomUUID());
        UUID reportId = submit(TestReports.valid());
        HttpResponse<String> contactsOnly = http.get(CASES + reportId);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(IntakeHttp.contentType(unknown)).startsWith("application/problem+json");
        assertThat(contactsOnly.statusCode()).as("a patients:contact token").isEqualTo(403);
        assertThat(contactsOnly.body()).doesNotContain(NAME, EMAIL);
    }

    private UUID submit(Map<String, Object> report) {
        HttpResponse<String> response = http.submit(TestReports.json(report));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }
}
