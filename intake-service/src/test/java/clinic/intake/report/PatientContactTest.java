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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification service's contact lookup: the patient's email by report id, never logged, and whether it may
 * carry health details (issue 12, finding 4): a client's addresses and an address the patient's issuer vouches
 * for are; one a patient typed waits for its confirmation link.
 */
@IntakeServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PatientContactTest {

    static final String CONTACTS = "/internal/v1/patient-contacts/";

    @LocalServerPort
    int port;

    IntakeHttp http;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void answersTheEmailOfAKnownReportButNeverTheNameAndLogsNeither(CapturedOutput output) {
        UUID reportId = submit();

        HttpResponse<String> response = http.get(CONTACTS + reportId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode contact = IntakeHttp.json(response);
        assertThat(contact.propertyNames())
                .containsExactlyInAnyOrder("reportId", "email", "emailConfirmed", "confirmationPath");
        assertThat(contact.get("reportId").asString()).isEqualTo(reportId.toString());
        assertThat(contact.get("email").asString()).isEqualTo(EMAIL);
        // the clinic's emails quote nothing the submitter typed: the name is not even offered to the sender
        assertThat(response.body()).doesNotContain(NAME);
        assertThat(output.getAll()).doesNotContain(NAME, EMAIL);
    }

    @Test
    void anAddressAPatientTypedIsUnconfirmedAndComesWithALinkWhoseTokenIsNotStored() {
        UUID reportId = submit();

        JsonNode contact = IntakeHttp.json(http.get(CONTACTS + reportId));

        assertThat(contact.get("emailConfirmed").asBoolean()).isFalse();
        String path = contact.get("confirmationPath").asString();
        assertThat(path).matches("/email-confirmations/[A-Za-z0-9_-]{43}");
        String token = path.substring(path.lastIndexOf('/') + 1);
        List<String> stored = jdbc.sql("select token_hash from email_confirmation where report_id = ?")
                .param(reportId).query(String.class).list();
        assertThat(stored).hasSize(1).doesNotContain(token).allSatisfy(hash -> assertThat(hash).hasSize(64));
        // a second lookup (a retried send) gets a link of its own
        String again = IntakeHttp.json(http.get(CONTACTS + reportId)).get("confirmationPath").asString();
        assertThat(again).isNotEqualTo(path);
    }

    @Test
    void anIntegrationClientIsTrustedForTheAddressesItSendsFromTheClinicsRecords() {
        IntakeHttp clinicSystem = http.as(TestIssuer.get().client("clinic-ehr-" + UUID.randomUUID(), "reports:write"));
        HttpResponse<String> submitted = clinicSystem.submit(TestReports.validJson());
        assertThat(submitted.statusCode()).isEqualTo(202);
        UUID reportId = UUID.fromString(IntakeHttp.json(submitted).get("reportId").asString());

        JsonNode contact = IntakeHttp.json(http.get(CONTACTS + reportId));

        assertThat(contact.get("emailConfirmed").asBoolean()).isTrue();
        assertThat(contact.get("confirmationPath").isNull()).isTrue();
    }

    @Test
    void anAddressThePatientsIssuerVouchesForIsConfirmedAndAnUnverifiedClaimIsNot() {
        String vouched = TestIssuer.get().person("patient-" + UUID.randomUUID(),
                Map.of("email", EMAIL.toUpperCase(Locale.ROOT), "email_verified", true), "PATIENT");
        String unverified = TestIssuer.get().person("patient-" + UUID.randomUUID(),
                Map.of("email", EMAIL, "email_verified", false), "PATIENT");

        JsonNode fromVouched = IntakeHttp.json(http.get(CONTACTS + submitAs(vouched)));
        JsonNode fromUnverified = IntakeHttp.json(http.get(CONTACTS + submitAs(unverified)));

        assertThat(fromVouched.get("emailConfirmed").asBoolean()).isTrue();
        assertThat(fromVouched.get("confirmationPath").isNull()).isTrue();
        assertThat(fromUnverified.get("emailConfirmed").asBoolean()).isFalse();
        assertThat(fromUnverified.get("confirmationPath").asString()).startsWith("/email-confirmations/");
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

    @Test
    void aLookupOfSeveralAnswersTheKnownContactsNamesTheUnknownAndAuditsEachReport() {
        UUID first = submit();
        UUID second = submit();
        UUID unknown = UUID.randomUUID();

        HttpResponse<String> response = lookup("{\"reportIds\": [\"" + first + "\", \"" + unknown + "\", \""
                + second + "\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode answer = IntakeHttp.json(response);
        assertThat(answer.get("contacts").valueStream().map(contact -> contact.get("reportId").asString()))
                .containsExactly(first.toString(), second.toString());
        assertThat(answer.get("contacts").valueStream().map(contact -> contact.get("email").asString()))
                .containsOnly(EMAIL);
        assertThat(answer.get("contacts").get(0).has("emailConfirmed")).isTrue();
        assertThat(answer.get("unknownReportIds").valueStream().map(JsonNode::asString))
                .containsExactly(unknown.toString());
        for (UUID asked : List.of(first, second, unknown)) {
            assertThat(jdbc.sql("select count(*) from audit_event where object_id = ? and action = ?")
                    .params(asked.toString(), "PATIENT_CONTACT_READ").query(Long.class).single())
                    .as("audit rows for %s", asked).isEqualTo(1L);
        }
    }

    @Test
    void aLookupWithNoIdsTooManyOrAMalformedOneIsA400Problem() {
        String tooMany = java.util.stream.IntStream.range(0, PatientContactController.MAX_LOOKUP + 1)
                .mapToObj(i -> "\"" + UUID.randomUUID() + "\"").collect(java.util.stream.Collectors.joining(","));
        for (String body : List.of("{\"reportIds\": []}", "{}", "{\"reportIds\": [" + tooMany + "]}",
                "{\"reportIds\": [\"" + UUID.randomUUID() + "\", \"not-a-report\"]}")) {
            HttpResponse<String> response = lookup(body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
            JsonNode problem = IntakeHttp.json(response);
            assertThat(problem.get("type").asString()).isEqualTo("urn:clinic:problem:invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("reportIds");
            assertThat(response.body()).doesNotContain("Exception", "not-a-report");
        }
    }

    private HttpResponse<String> lookup(String json) {
        return http.post(PatientContactController.LOOKUPS_PATH, json.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    private UUID submitAs(String token) {
        HttpResponse<String> response = http.as(token).submit(TestReports.validJson());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    private UUID submit() {
        HttpResponse<String> response = http.submit(TestReports.validJson());
        assertThat(response.statusCode()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }
}
