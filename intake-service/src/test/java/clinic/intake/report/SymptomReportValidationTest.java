package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static clinic.intake.TestReports.EMAIL;
import static clinic.intake.TestReports.EXTERNAL_ID;
import static clinic.intake.TestReports.NAME;
import static clinic.intake.TestReports.json;
import static clinic.intake.TestReports.validJson;
import static clinic.intake.TestReports.with;
import static clinic.intake.TestReports.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every kind of bad report gets a problem+json 400 naming the field, and nothing is stored. */
@IntakeServiceTest
class SymptomReportValidationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    IntakeHttp http;
    Tables tables;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        tables = new Tables(jdbc);
    }

    static Stream<Arguments> invalidReports() {
        String tooLongName = "N".repeat(201);
        return Stream.of(
                arguments("painScore above 10", json(with("painScore", 11)), "painScore", null),
                arguments("painScore below 0", json(with("painScore", -1)), "painScore", null),
                arguments("painScore with a fraction", json(with("painScore", 5.5)), "painScore", null),
                arguments("ageYears 0", json(with("ageYears", 0)), "ageYears", null),
                arguments("ageYears 121", json(with("ageYears", 121)), "ageYears", null),
                arguments("symptomDurationDays above 3650", json(with("symptomDurationDays", 3651)),
                        "symptomDurationDays", null),
                arguments("weeksOfLoadReductionAndRehab below 0", json(with("weeksOfLoadReductionAndRehab", -1)),
                        "weeksOfLoadReductionAndRehab", null),
                arguments("unknown painLocation", json(with("painLocation", "TOE_KNUCKLE")), "painLocation",
                        "TOE_KNUCKLE"),
                arguments("painLocation in lower case", json(with("painLocation", "back_of_heel")), "painLocation",
                        "back_of_heel"),
                arguments("painLocation as an enum index", json(with("painLocation", 0)), "painLocation", null),
                arguments("unknown painQualities value", json(with("painQualities", List.of("SHARP", "ITCHY"))),
                        "painQualities[1]", "ITCHY"),
                arguments("unknown symptoms value", json(with("symptoms", List.of("HICCUPS"))), "symptoms[0]",
                        "HICCUPS"),
                arguments("unknown recentLoadChanges value", json(with("recentLoadChanges", List.of("SKIPPING"))),
                        "recentLoadChanges[0]", "SKIPPING"),
                arguments("unknown trend", json(with("trend", "SIDEWAYS")), "trend", "SIDEWAYS"),
                arguments("unknown painAtRest", json(with("painAtRest", "EXCRUCIATING")), "painAtRest",
                        "EXCRUCIATING"),
                arguments("repeated value in a set", json(with("recentLoadChanges", List.of("HILLS", "HILLS"))),
                        "recentLoadChanges", null),
                arguments("null inside a set", json(with("symptoms", java.util.Arrays.asList("FEVER", null))),
                        "symptoms[1]", null),
                arguments("a set sent as a single string", json(with("symptoms", "FEVER")), "symptoms", null),
                arguments("missing painLocation", json(without("painLocation")), "painLocation", null),
                arguments("missing painQualities", json(without("painQualities")), "painQualities", null),
                arguments("null canWalkNormally", json(with("canWalkNormally", null)), "canWalkNormally", null),
                arguments("missing patient", json(without("patient")), "patient", null),
                arguments("patient sent as a string", json(with("patient", "someone")), "patient", "someone"),
                arguments("missing patient email", json(without("patient.email")), "patient.email", null),
                arguments("empty patient email", json(with("patient.email", "")), "patient.email", null),
                arguments("invalid patient email", json(with("patient.email", "not-an-email")), "patient.email",
                        "not-an-email"),
                arguments("patient name longer than 200", json(with("patient.name", tooLongName)), "patient.name",
                        tooLongName),
                arguments("blank patient name", json(with("patient.name", "   ")), "patient.name", null),
                // issue 12: the name is quoted in the clinic's email; it must not be able to write the email
                arguments("line breaks in the patient name", json(with("patient.name",
                        "Alex,\r\n\r\nIMPORTANT: book surgery today")), "patient.name", "IMPORTANT"),
                arguments("a NUL in the patient name", json(with("patient.name", "Alex\u0000Runner")), "patient.name",
                        null),
                arguments("a bidi override in the patient name", json(with("patient.name", "Alex \u202Egnp.exe")),
                        "patient.name", "gnp"),
                arguments("a zero-width character in the patient name", json(with("patient.name", "Al\u200Bex")),
                        "patient.name", null),
                arguments("patient externalId longer than 64", json(with("patient.externalId", "X".repeat(65))),
                        "patient.externalId", "X".repeat(65)),
                arguments("empty patient externalId", json(with("patient.externalId", "")), "patient.externalId",
                        null),
                arguments("unknown top-level field", json(with("favouriteColour", "teal")), "favouriteColour",
                        "teal"),
                arguments("unknown nested field", json(with("patient.nickname", "Ally")), "patient.nickname",
                        "Ally"),
                // the phone is optional, but when given it is E.164: + and 8 to 15 digits, nothing else
                arguments("a phone number with spaces", json(with("patient.phone", "+44 7700 900123")),
                        "patient.phone", "7700"),
                arguments("a phone number without its country code", json(with("patient.phone", "07700900123")),
                        "patient.phone", "07700900123"),
                arguments("a phone number too short", json(with("patient.phone", "+1234567")), "patient.phone",
                        "1234567"),
                arguments("a phone number too long", json(with("patient.phone", "+1234567890123456")),
                        "patient.phone", "1234567890123456"),
                arguments("a phone number as a number", json(with("patient.phone", 441632960123L)),
                        "patient.phone", "441632960123"),
                arguments("string for a boolean", json(with("hasDiabetes", "true")), "hasDiabetes", null),
                arguments("number for a boolean", json(with("hasDiabetes", 1)), "hasDiabetes", null),
                arguments("number as a string", json(with("painScore", "5")), "painScore", null),
                arguments("number for a string", json(with("patient.name", 12345)), "patient.name", "12345"),
                arguments("malformed JSON", "{\"ageYears\": 41, \"painScore\": ", "body", null),
                arguments("empty body", "", "body", null),
                arguments("JSON null", "null", "body", null),
                arguments("JSON array instead of an object", "[" + validJson() + "]", "body", null),
                arguments("trailing content after the object", validJson() + " {}", "body", null),
                arguments("a repeated key", validJson().replaceFirst("\\{", "{\"painScore\":11,"), "body", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReports")
    void rejectsInvalidReportNamingTheFieldAndStoringNothing(String description, String body, String badField,
                                                            String mustNotEcho) {
        long reportsBefore = tables.reports();
        long outboxBefore = tables.outbox();

        HttpResponse<String> response = http.submit(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response, 400);
        assertThat(fields(IntakeHttp.json(response))).as(response.body()).contains(badField);
        assertNoPatientDataOrInternals(response);
        if (mustNotEcho != null) {
            assertThat(response.body()).doesNotContain(mustNotEcho);
        }
        assertThat(tables.reports()).isEqualTo(reportsBefore);
        assertThat(tables.outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void namesEveryBadFieldOfAWellFormedReportAtOnce() {
        var report = with("painScore", 11);
        report.put("ageYears", 0);
        report.remove("trend");
        @SuppressWarnings("unchecked")
        var patient = (java.util.Map<String, Object>) report.get("patient");
        patient.put("email", "nope");

        HttpResponse<String> response = http.submit(json(report));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = IntakeHttp.json(response);
        assertThat(fields(problem)).containsExactly("ageYears", "painScore", "patient.email", "trend");
        assertThat(problem.get("errors").get(1).get("message").asString()).isEqualTo("must be between 0 and 10");
    }

    @Test
    void rejectsBodyThatIsNotJsonWith415() {
        long reportsBefore = tables.reports();

        HttpResponse<String> response =
                http.post(IntakeHttp.REPORTS, validJson().getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(response.statusCode()).isEqualTo(415);
        assertProblem(response, 415);
        assertThat(fields(IntakeHttp.json(response))).contains("Content-Type");
        assertThat(tables.reports()).isEqualTo(reportsBefore);
    }

    @Test
    void rejectsBodyWithoutContentTypeWith415() {
        long reportsBefore = tables.reports();

        HttpResponse<String> response = http.post(IntakeHttp.REPORTS, validJson().getBytes(StandardCharsets.UTF_8), null);

        assertThat(response.statusCode()).isEqualTo(415);
        assertProblem(response, 415);
        assertThat(tables.reports()).isEqualTo(reportsBefore);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = IntakeHttp.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.hasNonNull("type")).isTrue();
        assertThat(problem.hasNonNull("title")).isTrue();
        assertThat(problem.hasNonNull("detail")).isTrue();
        assertThat(problem.get("instance").asString()).isEqualTo(IntakeHttp.REPORTS);
        assertThat(problem.get("errors").isArray()).isTrue();
    }

    static void assertNoPatientDataOrInternals(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain(NAME, EMAIL, EXTERNAL_ID, "Exception", "at clinic.", "jackson",
                "Source:", "line:");
    }

    static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(error -> error.get("field").asString()).toList();
    }
}
