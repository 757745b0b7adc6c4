package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/** The notification service's contact lookup: the patient's name and email by report id, never logged. */
@IntakeServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PatientContactTest {

    static final String CONTACTS = "/internal/v1/patient-contacts/";

    @LocalServerPort
    int port;

    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void answersTheNameAndEmailOfAKnownReportWithoutLoggingThem(CapturedOutput output) {
        UUID reportId = submit();

        HttpResponse<String> response = http.get(CONTACTS + reportId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode contact = IntakeHttp.json(response);
        assertThat(contact.propertyNames()).containsExactlyInAnyOrder("reportId", "name", "email");
        assertThat(contact.get("reportId").asString()).isEqualTo(reportId.toString());
        assertThat(contact.get("name").asString()).isEqualTo(NAME);
        assertThat(contact.get("email").asString()).isEqualTo(EMAIL);
        assertThat(output.getAll()).doesNotContain(NAME, EMAIL);
    }

    @Test
    void answers404ProblemForAnUnknownReport() {
        UUID unknown = UUID.randomUUID();

        HttpResponse<String> response = http.get(CONTACTS + unknown);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = IntakeHttp.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("type").asString()).isEqualTo("urn:clinic:problem:report-not-found");
        assertThat(problem.get("instance").asString()).isEqualTo(CONTACTS + unknown);
    }

    @Test
    void answers400ProblemNamingTheIdForAMalformedId() {
        for (String malformed : List.of("not-a-report", "1-1-1-1-1", "%27--",
                "123e4567-e89b-12d3-a456-42661417400g", "123e4567e89b12d3a456426614174000")) {
            HttpResponse<String> response = http.get(CONTACTS + malformed);

            assertThat(response.statusCode()).as(malformed).isEqualTo(400);
            assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
            JsonNode problem = IntakeHttp.json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("type").asString()).isEqualTo("urn:clinic:problem:invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("reportId");
            assertThat(response.body()).doesNotContain("Exception", "'");
        }
    }

    private UUID submit() {
        HttpResponse<String> response = http.submit(TestReports.validJson());
        assertThat(response.statusCode()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }
}
