package clinic.intake.ratelimit;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.intake.report.FormBodies;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

/**
 * The submission quotas in the running service. A patient may submit 30 (the tests refill them over an hour, so
 * nothing refills meanwhile), API and form together; a machine client has a quota of its own, by default
 * sized for a clinic system, or as configured for it ({@code clinic-small-system}: 3, see
 * {@link IntakeServiceTest}). A refused submission is a 429 with Retry-After that stores nothing and is audited
 * as REJECTED. Refill over time and expiry: {@link SubmissionRateLimiterTest}; several instances:
 * {@link SharedQuotaTest}.
 */
@IntakeServiceTest
class SubmissionRateLimitTest {

    static final int LIMIT = 30;
    static final String SMALL_SYSTEM = "clinic-small-system";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebApplicationContext context;

    @Test
    void theSubmissionAfterTheLimitIs429WithRetryAfterStoresNothingAndIsAudited() {
        IntakeHttp patient = new IntakeHttp(port);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(patient.submit(TestReports.validJson()).statusCode()).as("submission %d", i + 1).isEqualTo(202);
        }
        Tables tables = new Tables(jdbc);
        long reports = tables.reports();
        long outbox = tables.outbox();

        HttpResponse<String> refused = patient.submit(TestReports.validJson());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(IntakeHttp.contentType(refused)).startsWith("application/problem+json");
        JsonNode problem = IntakeHttp.json(refused);
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asString()).isEqualTo("urn:clinic:problem:too-many-submissions");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(tables.reports()).isEqualTo(reports);
        assertThat(tables.outbox()).isEqualTo(outbox);
        Map<String, Object> audit = jdbc.queryForMap("select * from audit_event where actor = ? "
                + "order by id desc fetch first 1 rows only", patient.patientSubject());
        assertThat(audit).containsEntry("action", "REPORT_SUBMIT").containsEntry("outcome", "REJECTED")
                .containsEntry("http_status", 429);

        // the form shares the patient's bucket: an HTML page this time
        MockHttpServletResponse page = submitForm(patient.patientSubject());
        assertThat(page.getStatus()).isEqualTo(429);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getHeader("Retry-After")).matches("\\d+");
        assertThat(contentOf(page)).contains("Too many reports").doesNotContain("Exception");
        assertThat(tables.reports()).isEqualTo(reports);

        // another patient is not affected
        assertThat(new IntakeHttp(port).submit(TestReports.validJson()).statusCode()).isEqualTo(202);
    }

    @Test
    void aClinicSystemSubmitsABurstOf60WhileAPatientIsRefusedPastTheirs() {
        IntakeHttp clinicSystem = new IntakeHttp(port).as(TestIssuer.get().client("clinic-integration", "reports:write"));
        for (int i = 0; i < 60; i++) {
            assertThat(clinicSystem.submit(TestReports.validJson()).statusCode()).as("client submission %d", i + 1)
                    .isEqualTo(202);
        }

        IntakeHttp patient = new IntakeHttp(port);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(patient.submit(TestReports.validJson()).statusCode()).as("submission %d", i + 1).isEqualTo(202);
        }
        assertThat(patient.submit(TestReports.validJson()).statusCode()).isEqualTo(429);
    }

    @Test
    void formAndApiCountTogetherForAPatient() {
        IntakeHttp patient = new IntakeHttp(port);
        for (int i = 0; i < LIMIT; i++) {
            int status = i % 2 == 0 ? patient.submit(TestReports.validJson()).statusCode()
                    : submitForm(patient.patientSubject()).getStatus();
            assertThat(status).as("submission %d", i + 1).isIn(202, 303);
        }

        assertThat(patient.submit(TestReports.validJson()).statusCode()).isEqualTo(429);
        assertThat(submitForm(patient.patientSubject()).getStatus()).isEqualTo(429);
    }

    @Test
    void aClientsOwnQuotaIsHonouredAndAPersonNamedLikeTheClientHasABucketOfTheirOwn() {
        IntakeHttp smallSystem = new IntakeHttp(port).as(TestIssuer.get().client(SMALL_SYSTEM, "reports:write"));
        for (int i = 0; i < 3; i++) {
            assertThat(smallSystem.submit(TestReports.validJson()).statusCode()).as("submission %d", i + 1)
                    .isEqualTo(202);
        }
        HttpResponse<String> refused = smallSystem.submit(TestReports.validJson());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(IntakeHttp.contentType(refused)).startsWith("application/problem+json");
        // refilled at 3 an hour: the next one in 20 minutes
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1190L, 1200L);

        // the default for other clients is not the small system's
        IntakeHttp otherSystem = new IntakeHttp(port)
                .as(TestIssuer.get().client("clinic-other-" + UUID.randomUUID(), "reports:write"));
        for (int i = 0; i < 5; i++) {
            assertThat(otherSystem.submit(TestReports.validJson()).statusCode()).isEqualTo(202);
        }
        // a patient whose subject is the client's id counts in the people's namespace
        IntakeHttp lookalike = new IntakeHttp(port).as(TestIssuer.get().patient(SMALL_SYSTEM));
        assertThat(lookalike.submit(TestReports.validJson()).statusCode()).isEqualTo(202);
        assertThat(smallSystem.submit(TestReports.validJson()).statusCode()).isEqualTo(429);
    }

    private MockHttpServletResponse submitForm(String subject) {
        try {
            return webAppContextSetup(context).apply(springSecurity()).build()
                    .perform(post("/reports").with(csrf())
                            .with(oidcLogin().idToken(token -> token.subject(subject).claim("roles", List.of("PATIENT")))
                                    .authorities(new SimpleGrantedAuthority("ROLE_PATIENT")))
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                            .content(FormBodies.valid()))
                    .andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentOf(MockHttpServletResponse response) {
        try {
            return response.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
