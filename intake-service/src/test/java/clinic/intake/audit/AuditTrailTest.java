package clinic.intake.audit;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.intake.report.FormBodies;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

/**
 * Every access path to patient data leaves exactly one audit row with the right actor, role and outcome,
 * refusals included; operations read the trail through {@code /ops/v1/audit-events}.
 */
@IntakeServiceTest
class AuditTrailTest {

    static final TestIssuer ISSUER = TestIssuer.get();
    static final String REPORTS = IntakeHttp.REPORTS + "/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebApplicationContext context;

    IntakeHttp http;
    MockMvc pages;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        pages = webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void aSubmissionIsOneAllowedRowNamingTheNewReportAndThePatient() {
        UUID reportId = submit(http);

        assertThat(rows(reportId)).singleElement().satisfies(row -> assertRow(row, http.patientSubject(), "PATIENT",
                "REPORT_SUBMIT", "ALLOWED", 202));
    }

    @Test
    void refusedSubmissionsAreOneRowEachWithoutAnObject() {
        assertOneNewRow(() -> http.as(null).submit(TestReports.validJson()), "REPORT_SUBMIT", "UNAUTHENTICATED", 401,
                "ANONYMOUS");
        assertOneNewRow(() -> http.as(ISSUER.clinician("clinician-z")).submit(TestReports.validJson()),
                "REPORT_SUBMIT", "DENIED", 403, "CLINICIAN");
        assertOneNewRow(() -> http.submit("{}"), "REPORT_SUBMIT", "REJECTED", 400, "PATIENT");
    }

    @Test
    void readsOfAReportAreOneRowEachWithTheirOutcome() {
        UUID reportId = submit(http);
        IntakeHttp otherPatient = new IntakeHttp(port);

        assertThat(http.get(REPORTS + reportId).statusCode()).isEqualTo(200);
        assertThat(otherPatient.get(REPORTS + reportId).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.clinician("clinician-r")).get(REPORTS + reportId).statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.ops("ops-r")).get(REPORTS + reportId).statusCode()).isEqualTo(403);
        assertThat(http.as(null).get(REPORTS + reportId).statusCode()).isEqualTo(401);

        List<Map<String, Object>> reads = rows(reportId).stream()
                .filter(row -> "REPORT_READ".equals(row.get("action"))).toList();
        assertThat(reads).hasSize(5);
        assertRow(reads.get(0), http.patientSubject(), "PATIENT", "REPORT_READ", "ALLOWED", 200);
        // someone else's report: the caller saw a 404, the trail says DENIED
        assertRow(reads.get(1), otherPatient.patientSubject(), "PATIENT", "REPORT_READ", "DENIED", 404);
        assertRow(reads.get(2), "clinician-r", "CLINICIAN", "REPORT_READ", "ALLOWED", 200);
        assertRow(reads.get(3), "ops-r", "OPS", "REPORT_READ", "DENIED", 403);
        assertRow(reads.get(4), "anonymous", "ANONYMOUS", "REPORT_READ", "UNAUTHENTICATED", 401);
        UUID unknown = UUID.randomUUID();
        assertThat(http.get(REPORTS + unknown).statusCode()).isEqualTo(404);
        assertThat(rows(unknown)).singleElement().satisfies(row -> assertRow(row, http.patientSubject(), "PATIENT",
                "REPORT_READ", "NOT_FOUND", 404));
    }

    /** Issue 12: a HEAD is the same read as the GET (its status tells), so it is checked and recorded alike. */
    @Test
    void aHeadOfAReportIsOneRowLikeTheGet() {
        UUID reportId = submit(http);
        IntakeHttp otherPatient = new IntakeHttp(port);

        assertThat(http.head(REPORTS + reportId).statusCode()).isEqualTo(200);
        assertThat(otherPatient.head(REPORTS + reportId).statusCode()).isEqualTo(404);
        assertThat(http.as(ISSUER.ops("ops-h")).head(REPORTS + reportId).statusCode()).isEqualTo(403);

        List<Map<String, Object>> reads = rows(reportId).stream()
                .filter(row -> "REPORT_READ".equals(row.get("action"))).toList();
        assertThat(reads).hasSize(3);
        assertRow(reads.get(0), http.patientSubject(), "PATIENT", "REPORT_READ", "ALLOWED", 200);
        assertRow(reads.get(1), otherPatient.patientSubject(), "PATIENT", "REPORT_READ", "DENIED", 404);
        assertRow(reads.get(2), "ops-h", "OPS", "REPORT_READ", "DENIED", 403);
    }

    @Test
    void contactLookupsAreOneRowEachWithTheClientAsActor() {
        UUID reportId = submit(http);

        assertThat(http.as(ISSUER.client("notification-service", "patients:contact")).get(
                "/internal/v1/patient-contacts/" + reportId).statusCode()).isEqualTo(200);
        assertThat(http.as(ISSUER.patient("nosy")).get("/internal/v1/patient-contacts/" + reportId).statusCode())
                .isEqualTo(403);

        List<Map<String, Object>> lookups = rows(reportId).stream()
                .filter(row -> "PATIENT_CONTACT_READ".equals(row.get("action"))).toList();
        assertThat(lookups).hasSize(2);
        assertRow(lookups.get(0), "notification-service", "CLIENT", "PATIENT_CONTACT_READ", "ALLOWED", 200);
        assertRow(lookups.get(1), "nosy", "PATIENT", "PATIENT_CONTACT_READ", "DENIED", 403);
    }

    @Test
    void pageViewsAndFormSubmissionsAreOneRowEach() throws Exception {
        UUID reportId = submit(http);

        pages.perform(get("/reports/" + reportId).with(login(http.patientSubject(), "PATIENT")));
        pages.perform(get("/reports/" + reportId).with(login("someone-else", "PATIENT")));
        pages.perform(get("/reports/" + reportId).accept(MediaType.TEXT_HTML));

        List<Map<String, Object>> views = rows(reportId).stream()
                .filter(row -> "REPORT_PAGE_READ".equals(row.get("action"))).toList();
        assertThat(views).hasSize(3);
        assertRow(views.get(0), http.patientSubject(), "PATIENT", "REPORT_PAGE_READ", "ALLOWED", 200);
        assertRow(views.get(1), "someone-else", "PATIENT", "REPORT_PAGE_READ", "DENIED", 404);
        // not logged in: sent to the login (302), which is no access
        assertRow(views.get(2), "anonymous", "ANONYMOUS", "REPORT_PAGE_READ", "UNAUTHENTICATED", 302);

        String location = pages.perform(post("/reports").with(login("form-patient", "PATIENT")).with(csrf())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content(formBody()))
                .andReturn().getResponse().getRedirectedUrl();
        UUID submitted = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(rows(submitted)).singleElement().satisfies(row -> assertRow(row, "form-patient", "PATIENT",
                "REPORT_FORM_SUBMIT", "ALLOWED", 303));

        long refusedBefore = count("REPORT_FORM_SUBMIT", "DENIED");
        int withoutCsrf = pages.perform(post("/reports").with(login("form-patient", "PATIENT"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content(formBody()))
                .andReturn().getResponse().getStatus();
        assertThat(withoutCsrf).isEqualTo(403);
        assertThat(count("REPORT_FORM_SUBMIT", "DENIED")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void operationsSeeTheTrailOfAReportNewestFirstAndCanAskForCliniciansViewsOnly() {
        UUID reportId = submit(http);
        IntakeHttp clinician = http.as(ISSUER.clinician("clinician-v"));
        clinician.get(REPORTS + reportId);
        clinician.get(REPORTS + reportId);
        IntakeHttp ops = http.as(ISSUER.ops("ops-v"));

        HttpResponse<String> all = ops.get("/ops/v1/audit-events?objectId=" + reportId);
        HttpResponse<String> cliniciansViews = ops.get("/ops/v1/audit-events?objectId=" + reportId + "&role=CLINICIAN");

        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode events = IntakeHttp.json(all);
        assertThat(events).hasSize(3);
        assertThat(events.get(0).propertyNames()).containsExactlyInAnyOrder("occurredAt", "actor", "role",
                "action", "objectId", "outcome", "httpStatus");
        assertThat(events.get(2).get("action").asString()).as("oldest last").isEqualTo("REPORT_SUBMIT");
        assertThat(events.get(0).get("occurredAt").asString()).isGreaterThanOrEqualTo(
                events.get(2).get("occurredAt").asString());
        JsonNode views = IntakeHttp.json(cliniciansViews);
        assertThat(views).hasSize(2).allSatisfy(view -> {
            assertThat(view.get("actor").asString()).isEqualTo("clinician-v");
            assertThat(view.get("role").asString()).isEqualTo("CLINICIAN");
            assertThat(view.get("action").asString()).isEqualTo("REPORT_READ");
            assertThat(view.get("httpStatus").asInt()).isEqualTo(200);
        });
        // reading the trail is audited too, under the object asked about
        assertThat(rows(reportId).stream().filter(row -> "AUDIT_READ".equals(row.get("action")))).hasSize(2)
                .allSatisfy(row -> assertRow(row, "ops-v", "OPS", "AUDIT_READ", "ALLOWED", 200));
    }

    @Test
    void theAuditEndpointIsForOpsOnlyAndNeedsAnObjectId() {
        HttpResponse<String> clinician = http.as(ISSUER.clinician("c")).get("/ops/v1/audit-events?objectId=x");
        assertThat(clinician.statusCode()).isEqualTo(403);
        IntakeHttp ops = http.as(ISSUER.ops("ops-q"));
        for (String query : List.of("", "?role=CLINICIAN", "?objectId=", "?objectId=%3Cscript%3E",
                "?objectId=x&role=clinician%27")) {
            HttpResponse<String> response = ops.get("/ops/v1/audit-events" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
        }
        assertThat(IntakeHttp.json(ops.get("/ops/v1/audit-events?objectId=" + UUID.randomUUID()))).isEmpty();
    }

    @Test
    void theAuditTrailHoldsNoPatientData() {
        UUID reportId = submit(http);
        http.get(REPORTS + reportId);

        String everything = jdbc.queryForList("select * from audit_event").toString();

        assertThat(everything).doesNotContain(TestReports.NAME, TestReports.EMAIL, TestReports.EXTERNAL_ID);
        assertThat(rows(reportId)).isNotEmpty();
    }

    private void assertOneNewRow(Supplier<HttpResponse<String>> request, String action, String outcome, int status,
            String role) {
        long before = count(action, outcome);
        HttpResponse<String> response = request.get();
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(count(action, outcome)).as(action + " " + outcome).isEqualTo(before + 1);
        Map<String, Object> latest = jdbc.queryForMap("select * from audit_event where action = ? and outcome = ? "
                + "order by id desc fetch first 1 rows only", action, outcome);
        assertThat(latest.get("actor_role")).isEqualTo(role);
        assertThat(latest.get("object_id")).isNull();
        assertThat(latest.get("http_status")).isEqualTo(status);
    }

    private long count(String action, String outcome) {
        return jdbc.queryForObject("select count(*) from audit_event where action = ? and outcome = ?", Long.class,
                action, outcome);
    }

    private List<Map<String, Object>> rows(UUID objectId) {
        return jdbc.queryForList("select * from audit_event where object_id = ? order by id", objectId.toString());
    }

    private static void assertRow(Map<String, Object> row, String actor, String role, String action, String outcome,
            int status) {
        assertThat(row).containsEntry("actor", actor).containsEntry("actor_role", role)
                .containsEntry("action", action).containsEntry("outcome", outcome)
                .containsEntry("http_status", status);
        assertThat(row.get("occurred_at")).isNotNull();
    }

    private static UUID submit(IntakeHttp caller) {
        HttpResponse<String> response = caller.submit(TestReports.validJson());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    private static RequestPostProcessor login(String subject, String role) {
        return oidcLogin().idToken(token -> token.subject(subject).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    private static String formBody() {
        return FormBodies.valid();
    }
}
