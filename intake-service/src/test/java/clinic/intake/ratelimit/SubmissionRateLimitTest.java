package clinic.intake.ratelimit;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.Tables;
import clinic.intake.TestReports;
import clinic.intake.report.FormBodies;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

/**
 * The submission limit in the running service (30 per period; the tests' period is an hour, so nothing
 * refills meanwhile): API and form share one bucket per patient, and a refused submission is a 429 with
 * Retry-After that stores nothing and is audited as REJECTED. Refill over time: {@link SubmissionRateLimiterTest}.
 */
@IntakeServiceTest
class SubmissionRateLimitTest {

    static final int LIMIT = 30;

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
