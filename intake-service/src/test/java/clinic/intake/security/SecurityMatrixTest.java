package clinic.intake.security;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.support.testing.AccessTable;
import clinic.support.testing.ApiDocuments;
import clinic.support.testing.AccessWalk;
import clinic.support.testing.MappedRoutes;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static clinic.support.testing.AccessTable.api;
import static clinic.support.testing.AccessTable.page;
import static clinic.support.testing.Caller.CASES_READ;
import static clinic.support.testing.Caller.CLINICIAN;
import static clinic.support.testing.Caller.METRICS_READ;
import static clinic.support.testing.Caller.OPS;
import static clinic.support.testing.Caller.PATIENT;
import static clinic.support.testing.Caller.PATIENTS_CONTACT;
import static clinic.support.testing.Caller.PATIENT_PAGE_LOGIN;
import static clinic.support.testing.Caller.REPORTS_READ;
import static clinic.support.testing.Caller.REPORTS_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who may do what, over real HTTP with real tokens from {@link TestIssuer}: every refused token is a 401,
 * every wrong role a 403 (both problem+json, neither saying more than needed), and a patient or client
 * sees only its own reports, someone else's looking exactly like one that does not exist.
 */
@IntakeServiceTest
class SecurityMatrixTest {

    static final String REPORTS = IntakeHttp.REPORTS;
    static final String CONTACTS = "/internal/v1/patient-contacts/";
    static final String AUDIT = "/ops/v1/audit-events?objectId=";
    static final TestIssuer ISSUER = TestIssuer.get();

    /**
     * Every route intake maps, and who may call which of its methods; everything else is refused. On the API
     * chain: 401 without a bearer token (a page login is none), 403 with one. On the pages: the login for a
     * visitor not logged in (bearer tokens count for nothing there), otherwise 403 for a page that is not the
     * caller's (or an unsafe method without the session's CSRF token) and 404 for an address or method the pages
     * do not have. HEAD is a read like GET and open to the same callers; OPTIONS is open to nobody.
     */
    static final AccessTable ACCESS = AccessTable.of(ApiDocuments.withDocumentRows(
            api("/actuator/health").allowsEveryone("GET HEAD"),
            api("/actuator/health/**").at("/actuator/health/liveness").allowsEveryone("GET HEAD"),
            api("/actuator/prometheus").allows("GET HEAD", OPS, METRICS_READ),
            api("/actuator").allows("GET HEAD", OPS),
            api("/actuator/info").allows("GET HEAD", OPS),
            api("/ops/v1/audit-events").at(AUDIT + "{id}").allows("GET HEAD", OPS),
            api(REPORTS).allows("POST", PATIENT, REPORTS_WRITE),
            api(REPORTS + "/{reportId}").allows("GET HEAD", PATIENT, CLINICIAN, REPORTS_READ),
            api("/fhir/Questionnaire/heel-pain-intake").allowsEveryone("GET HEAD"),
            api("/fhir/CodeSystem/{id}").at("/fhir/CodeSystem/pain-location").allowsEveryone("GET HEAD"),
            api("/fhir/QuestionnaireResponse").allows("POST", PATIENT, REPORTS_WRITE),
            api("/fhir/QuestionnaireResponse/{id}").allows("GET HEAD", PATIENT, CLINICIAN, REPORTS_READ),
            api(CONTACTS + "{reportId}").allows("GET HEAD", PATIENTS_CONTACT),
            // GET and HEAD of this address are the {reportId} route's (a 400: not a report id)
            api(CONTACTS + "lookups").allows("GET HEAD POST", PATIENTS_CONTACT),
            api("/internal/v1/cases/{reportId}").allows("GET HEAD", CASES_READ),
            page("/").allows("GET HEAD", PATIENT_PAGE_LOGIN),
            page("/reports").allows("GET HEAD POST", PATIENT_PAGE_LOGIN),
            page("/reports/{reportId}").allows("GET HEAD", PATIENT_PAGE_LOGIN),
            page("/email-confirmations/{token}").allows("GET HEAD POST", PATIENT_PAGE_LOGIN),
            page("/error").allowsEveryone("GET HEAD"),
            // static files: the style sheet is everyone's, nothing else under them is reachable
            page("/**").at("/intake.css").allowsEveryone("GET HEAD"),
            page("/**").at("/other/page"),
            page("/webjars/**")))
            .withPageLogin(PageSecurityConfig.REGISTRATION, "/");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void everyMappedRouteHasARowInTheAccessTableAndEveryRowAMappedRoute() {
        assertThat(ACCESS.mismatchesWith(MappedRoutes.of(context))).isEmpty();
    }

    @Test
    void everyRouteAnswersEveryMethodAndCallerAsTheAccessTableSays() {
        assertThat(AccessWalk.on(port, ACCESS).differences()).isEmpty();
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                arguments("no token", null),
                arguments("expired", ISSUER.expired("patient-a")),
                arguments("wrong issuer", ISSUER.wrongIssuer("patient-a")),
                arguments("wrong audience", ISSUER.wrongAudience("patient-a")),
                arguments("alg=none", ISSUER.unsigned("patient-a")),
                arguments("signed by another key", ISSUER.signedByAnotherKey("patient-a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusesEveryBadTokenWith401ProblemJsonAndStoresNothing(String kind, String token) {
        long before = new Tables(jdbc).reports();
        IntakeHttp caller = http.as(token);

        for (HttpResponse<String> response : List.of(caller.submit(TestReports.validJson()),
                caller.get(REPORTS + "/" + UUID.randomUUID()))) {
            assertThat(response.statusCode()).as(kind).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(kind).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertProblem(response, 401, "Unauthorized");
        }
        assertThat(new Tables(jdbc).reports()).isEqualTo(before);
    }

    static Stream<Arguments> wrongRoles() {
        return Stream.of(
                arguments("clinician submits", "POST", REPORTS, ISSUER.clinician("clinician-a")),
                arguments("ops submits", "POST", REPORTS, ISSUER.ops("ops-a")),
                arguments("client without reports:write submits", "POST", REPORTS,
                        ISSUER.client("reader", "reports:read")),
                arguments("ops reads a report", "GET", REPORTS + "/" + UUID.randomUUID(), ISSUER.ops("ops-a")),
                arguments("client without reports:read reads a report", "GET", REPORTS + "/" + UUID.randomUUID(),
                        ISSUER.client("writer", "reports:write")),
                arguments("patient reads a contact", "GET", CONTACTS + UUID.randomUUID(), ISSUER.patient("p")),
                arguments("clinician reads a contact", "GET", CONTACTS + UUID.randomUUID(), ISSUER.clinician("c")),
                arguments("client without patients:contact reads a contact", "GET", CONTACTS + UUID.randomUUID(),
                        ISSUER.client("integration", "reports:read", "reports:write")),
                arguments("patient looks contacts up", "POST", CONTACTS + "lookups", ISSUER.patient("p")),
                arguments("client without patients:contact looks contacts up", "POST", CONTACTS + "lookups",
                        ISSUER.client("integration", "reports:read", "reports:write")),
                arguments("patient reads the audit trail", "GET", AUDIT + UUID.randomUUID(), ISSUER.patient("p")),
                arguments("clinician reads the audit trail", "GET", AUDIT + UUID.randomUUID(),
                        ISSUER.clinician("c")),
                arguments("patient reads prometheus", "GET", "/actuator/prometheus", ISSUER.patient("p")),
                arguments("clinician reads prometheus", "GET", "/actuator/prometheus", ISSUER.clinician("c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongRoles")
    void refusesAWrongRoleOrScopeWith403ProblemJson(String kind, String method, String path, String token) {
        IntakeHttp caller = http.as(token);
        HttpResponse<String> response = !"POST".equals(method) ? caller.get(path)
                : REPORTS.equals(path) ? caller.submit(TestReports.validJson())
                : caller.post(path, "{\"reportIds\": [\"%s\"]}".formatted(UUID.randomUUID())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");

        assertThat(response.statusCode()).as(kind).isEqualTo(403);
        assertProblem(response, 403, "Forbidden");
    }

    @Test
    void healthIsAnonymousWhileOtherActuatorEndpointsNeedOpsOrMetricsRead() {
        assertThat(http.as(null).get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.as(null).get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = http.as(null).get("/actuator/prometheus");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertProblem(anonymous, 401, "Unauthorized");
        assertThat(http.as(null).get("/actuator/info").statusCode()).isEqualTo(401);

        assertThat(http.as(ISSUER.ops("ops-a")).get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.client("scraper", "metrics:read")).get("/actuator/prometheus").statusCode())
                .isEqualTo(200);
    }

    @Test
    void apiDocsAreForAnyoneAndTheApiIsNot() {
        // the document describes the API and holds no patient data; the Swagger UI must load it before any login
        assertThat(http.as(null).get("/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.client("scraper", "metrics:read")).get("/v3/api-docs").statusCode())
                .isEqualTo(200);
        assertThat(http.as(null).get(REPORTS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyAPatientsContactClientReadsContacts() {
        UUID reportId = submit(http);

        HttpResponse<String> response = http.as(ISSUER.client("notification-service", "patients:contact"))
                .get(CONTACTS + reportId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(IntakeHttp.json(response).get("email").asString()).isEqualTo(TestReports.EMAIL);
    }

    @Test
    void aPatientReadingAnotherPatientsReportGetsTheSame404AsForAnUnknownId() {
        UUID patientBsReport = submit(new IntakeHttp(port));
        UUID unknown = UUID.randomUUID();

        HttpResponse<String> someoneElses = http.get(REPORTS + "/" + patientBsReport);
        HttpResponse<String> nobodys = http.get(REPORTS + "/" + unknown);

        assertThat(someoneElses.statusCode()).isEqualTo(404);
        assertThat(nobodys.statusCode()).isEqualTo(404);
        assertThat(IntakeHttp.contentType(someoneElses)).isEqualTo(IntakeHttp.contentType(nobodys));
        // the bodies differ only in "instance", the path that was asked for
        assertThat(withoutInstance(someoneElses)).isEqualTo(withoutInstance(nobodys));
        assertThat(IntakeHttp.json(someoneElses).get("instance").asString()).isEqualTo(REPORTS + "/" + patientBsReport);
        assertThat(someoneElses.body()).doesNotContain("owner", "denied", "forbidden");
        assertThat(http.get(REPORTS + "/not-a-report").statusCode()).as("malformed id, as before").isEqualTo(404);
    }

    @Test
    void aClientReadsOnlyTheReportsItSubmittedAndAClinicianReadsAny() {
        IntakeHttp integration = http.as(ISSUER.client("clinic-integration", "reports:write", "reports:read"));
        UUID ownReport = submit(integration);
        UUID patientsReport = submit(http);

        assertThat(integration.get(REPORTS + "/" + ownReport).statusCode()).isEqualTo(200);
        assertThat(integration.get(REPORTS + "/" + patientsReport).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.client("other-integration", "reports:read")).get(REPORTS + "/" + ownReport)
                .statusCode()).isEqualTo(404);
        IntakeHttp clinician = http.as(ISSUER.clinician("clinician-a"));
        assertThat(clinician.get(REPORTS + "/" + ownReport).statusCode()).isEqualTo(200);
        assertThat(clinician.get(REPORTS + "/" + patientsReport).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select owner_subject from symptom_report where id = ?", String.class,
                ownReport)).isEqualTo("clinic-integration");
    }

    @Test
    void aReportWithoutOwnerFromBeforeOwnersIsForCliniciansOnly() {
        UUID reportId = submit(http);
        jdbc.update("update symptom_report set owner_subject = null where id = ?", reportId);

        assertThat(http.get(REPORTS + "/" + reportId).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.clinician("clinician-a")).get(REPORTS + "/" + reportId).statusCode())
                .isEqualTo(200);
    }

    @Test
    void neitherTheAcceptedAnswerNorTheStatusShowsTheOwner() {
        HttpResponse<String> accepted = http.submit(TestReports.validJson());
        UUID reportId = UUID.fromString(IntakeHttp.json(accepted).get("reportId").asString());

        assertThat(accepted.body()).doesNotContain(http.patientSubject());
        assertThat(http.get(REPORTS + "/" + reportId).body()).doesNotContain(http.patientSubject(), "owner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reportId", "status", "ownerSubject", "owner_subject", "submittedAt", "selfCarePlan"})
    void aSubmissionCarryingAServerSideFieldIsRefusedAndStoresNothing(String field) {
        long before = new Tables(jdbc).reports();
        Map<String, Object> report = TestReports.valid();
        report.put(field, field.equals("selfCarePlan") ? Map.of("summary", "x") : "someone-else");

        HttpResponse<String> response = http.submit(TestReports.json(report));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
        assertThat(IntakeHttp.json(response).get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(new Tables(jdbc).reports()).isEqualTo(before);
    }

    @Test
    void errorBodiesNeverCarryTracesExceptionsOrMessages() {
        HttpResponse<String> error = http.as(null).get("/error?trace=true&message=true&errors=true");
        JsonNode body = IntakeHttp.json(error);

        assertThat(body.has("trace")).isFalse();
        assertThat(body.has("exception")).isFalse();
        assertThat(body.has("message")).isFalse();
        assertThat(body.has("errors")).isFalse();
        HttpResponse<String> refused = http.as(ISSUER.signedByAnotherKey("patient-a")).get(REPORTS + "/x");
        assertThat(refused.body()).doesNotContain("Exception", "Jwt", "signature", "at org.");
    }

    private static UUID submit(IntakeHttp caller) {
        HttpResponse<String> response = caller.submit(TestReports.validJson());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    private static JsonNode withoutInstance(HttpResponse<String> response) {
        ObjectNode body = (ObjectNode) IntakeHttp.json(response);
        body.remove("instance");
        return body;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String title) {
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = IntakeHttp.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at org.", "trace");
    }
}
