package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.intake.TestReports;
import clinic.intake.report.PatientPages.PageResponse;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static clinic.intake.TestReports.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 4: an address a patient typed is trusted with health details only after the patient who
 * submitted the report opens the link sent to it, signed in, and presses the button (CSRF-protected). Holding the
 * link is not enough, nor is being signed in; opening it changes nothing; an old link is gone. A patient whose
 * issuer vouches for their address gets it filled in, read-only, and cannot send a report elsewhere.
 */
@IntakeServiceTest
class EmailConfirmationPagesTest {

    static final String CONTACTS = "/internal/v1/patient-contacts/";

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;
    IntakeHttp http;
    PatientPages submitter;

    @BeforeEach
    void setUp() {
        mvc = PatientPages.mockMvc(context);
        http = new IntakeHttp(port);
        submitter = PatientPages.as(mvc, http.patientSubject(), "PATIENT");
    }

    @Test
    void theSubmitterConfirmsTheirAddressWithTheButtonAndLaterEmailsMayCarryTheirAdvice() {
        UUID reportId = submit();
        String link = confirmationPath(reportId);

        PageResponse shown = submitter.get(link);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Confirm your email address", EMAIL, "method=\"post\"",
                "action=\"" + link + "\"", "name=\"_csrf\"");
        assertThat(shown.header("Cache-Control").orElse("")).contains("no-store");
        // opening the link (a mail scanner does) confirms nothing
        assertThat(contact(reportId).get("emailConfirmed").asBoolean()).isFalse();

        PageResponse confirmed = submitter.postButton(link);

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Email address confirmed", "/reports/" + reportId);
        assertThat(contact(reportId).get("emailConfirmed").asBoolean()).isTrue();
        assertThat(contact(reportId).get("confirmationPath").isNull()).isTrue();
        // the next report to the same address (any case) needs no link
        UUID next = submit(TestReports.json(TestReports.with("patient.email", EMAIL.toUpperCase())));
        assertThat(contact(next).get("emailConfirmed").asBoolean()).isTrue();
        assertThat(auditRows(reportId, "EMAIL_CONFIRM", "ALLOWED")).isEqualTo(1);
    }

    @Test
    void aPostWithoutThePagesCsrfTokenConfirmsNothing() {
        UUID reportId = submit();
        String link = confirmationPath(reportId);

        PageResponse refused = submitter.postButtonWithoutCsrf(link);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(contact(reportId).get("emailConfirmed").asBoolean()).isFalse();
    }

    @Test
    void anotherPatientHoldingTheLinkSeesAnUnknownPageAndConfirmsNothing() {
        UUID reportId = submit();
        String link = confirmationPath(reportId);
        PageResponse unknown = submitter.get("/email-confirmations/" + "A".repeat(43));
        String other = "patient-" + UUID.randomUUID();
        PatientPages someoneElse = PatientPages.as(mvc, other, "PATIENT");

        PageResponse shown = someoneElse.get(link);
        PageResponse posted = someoneElse.postButton(link);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(shown.statusCode()).isEqualTo(404);
        assertThat(posted.statusCode()).isEqualTo(404);
        assertThat(shown.body()).isEqualTo(unknown.body()).doesNotContain(EMAIL);
        assertThat(contact(reportId).get("emailConfirmed").asBoolean()).isFalse();
        // only the audit trail learns that the link was someone else's
        assertThat(auditRows(reportId, "EMAIL_CONFIRM", "DENIED")).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EMAIL_CONFIRM' and outcome = 'DENIED'"
                + " and actor = ?").param(other).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aLinkPastItsLifetimeIsGoneAndConfirmsNothing() {
        UUID reportId = submit();
        String link = confirmationPath(reportId);
        jdbc.sql("update email_confirmation set expires_at = ? where report_id = ?")
                .params(OffsetDateTime.now().minus(1, ChronoUnit.MINUTES), reportId).update();

        PageResponse shown = submitter.get(link);
        PageResponse posted = submitter.postButton(link);

        assertThat(shown.statusCode()).isEqualTo(410);
        assertThat(shown.body()).contains("This link has expired").doesNotContain(EMAIL);
        assertThat(posted.statusCode()).isEqualTo(410);
        assertThat(contact(reportId).get("emailConfirmed").asBoolean()).isFalse();
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToTheLoginFirst() {
        String link = confirmationPath(submit());

        PageResponse anonymous = PatientPages.anonymous(mvc).get(link);

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.header("Location").orElse("")).contains("/oauth2/authorization/clinic");
    }

    @Test
    void theFormFillsInTheAddressTheIssuerVouchesForReadOnlyAndUsesItWhateverIsPosted() {
        String subject = "patient-" + UUID.randomUUID();
        String own = "own-" + subject + "@example.org";
        PatientPages vouched = PatientPages.as(mvc, subject, "PATIENT", Map.of("email", own, "email_verified", true));

        PageResponse form = vouched.get("/");
        PageResponse sent = vouched.postForm(FormBodies.valid("patient.email", "victim@example.net"));

        assertThat(form.body()).contains("value=\"" + own + "\"", "readonly");
        assertThat(sent.statusCode()).isEqualTo(303);
        UUID reportId = UUID.fromString(sent.header("Location").orElseThrow().replaceAll(".*/reports/", ""));
        JsonNode contact = contact(reportId);
        assertThat(contact.get("email").asString()).isEqualTo(own);
        assertThat(contact.get("emailConfirmed").asBoolean()).isTrue();
    }

    @Test
    void anApiReportNamingAnotherAddressThanTheVerifiedOneIsRefusedAndNothingIsStored() {
        String subject = "patient-" + UUID.randomUUID();
        String token = TestIssuer.get().person(subject,
                Map.of("email", "own-" + subject + "@example.org", "email_verified", true), "PATIENT");
        long before = reports();

        HttpResponse<String> refused = http.as(token).submit(TestReports.validJson());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(IntakeHttp.contentType(refused)).startsWith("application/problem+json");
        JsonNode error = IntakeHttp.json(refused).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("patient.email");
        assertThat(refused.body()).doesNotContain(EMAIL, subject + "@example.org");
        assertThat(reports()).isEqualTo(before);
        HttpResponse<String> own = http.as(token).submit(TestReports.json(TestReports.with("patient.email",
                "OWN-" + subject + "@example.org")));
        assertThat(own.statusCode()).as("the same address in another case").isEqualTo(202);
    }

    private UUID submit() {
        return submit(TestReports.validJson());
    }

    private UUID submit(String json) {
        HttpResponse<String> response = http.submit(json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(IntakeHttp.json(response).get("reportId").asString());
    }

    private JsonNode contact(UUID reportId) {
        HttpResponse<String> response = http.get(CONTACTS + reportId);
        assertThat(response.statusCode()).isEqualTo(200);
        return IntakeHttp.json(response);
    }

    private String confirmationPath(UUID reportId) {
        return contact(reportId).get("confirmationPath").asString();
    }

    private long auditRows(UUID reportId, String action, String outcome) {
        return jdbc.sql("select count(*) from audit_event where object_id = ? and action = ? and outcome = ?")
                .params(reportId.toString(), action, outcome).query(Long.class).single();
    }

    private long reports() {
        return jdbc.sql("select count(*) from symptom_report").query(Long.class).single();
    }
}
