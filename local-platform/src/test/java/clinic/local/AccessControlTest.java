package clinic.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may see what, on the running platform with tokens from its real issuer: the same checks the services'
 * own security tests make against a test issuer, here with the tokens real callers get (demo people through
 * the login form, machine clients through client credentials) and across services.
 */
@ExtendWith(SharedPlatform.class)
class AccessControlTest {

    private static PlatformSettings settings;
    private static PlatformClient client;
    private static Tokens tokens;

    @BeforeAll
    static void usePlatform() {
        settings = SharedPlatform.running().settings();
        client = SharedPlatform.running().client();
        tokens = client.tokens();
    }

    @Test
    void withoutATokenEveryServiceAnswers401ProblemJsonButHealthStaysOpen() {
        PlatformClient anonymous = client.as("");
        UUID someReport = UUID.randomUUID();
        for (PlatformClient.Response response : List.of(anonymous.submit(SampleReports.selfCare()),
                anonymous.report(someReport), anonymous.decision(someReport), anonymous.notifications(someReport),
                anonymous.alerts(), anonymous.prometheus(settings.intakePort()),
                anonymous.prometheus(settings.triagePort()), anonymous.prometheus(settings.notificationPort()))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(anonymous.health(settings.intakePort()).status()).isEqualTo(200);
        assertThat(anonymous.health(settings.notificationPort()).status()).isEqualTo(200);
    }

    @Test
    void aPatientReadsTheirOwnReportAndNobodyElsesWhileAClinicianReadsBoth() {
        PlatformClient patient = client.as(tokens.patient());
        UUID patientsReport = patient.accept(SampleReports.selfCare());
        UUID integrationsReport = client.accept(SampleReports.selfCare());

        assertThat(patient.report(patientsReport).status()).isEqualTo(200);
        assertThat(client.report(patientsReport).status()).as("another owner's report").isEqualTo(404);
        assertThat(patient.report(integrationsReport).status()).as("another owner's report").isEqualTo(404);
        PlatformClient.Response guessed = patient.report(UUID.randomUUID());
        assertThat(guessed.status()).as("a guessed id").isEqualTo(404);
        assertThat(patient.report(integrationsReport).body().replace(integrationsReport.toString(), "ID"))
                .as("not someone else's and not found read the same")
                .isEqualTo(guessed.body().replaceAll("[0-9a-f-]{36}", "ID"));

        PlatformClient clinician = client.as(tokens.clinician());
        assertThat(clinician.report(patientsReport).status()).isEqualTo(200);
        assertThat(clinician.report(integrationsReport).status()).isEqualTo(200);
        JsonNode shown = clinician.report(patientsReport).json();
        assertThat(shown.propertyNames()).as("no internal fields").doesNotContain("ownerSubject", "owner_subject",
                "patientName", "patientEmail", "patient");
    }

    /**
     * Issue 12, finding 3: the integration client (triage:read, notifications:read) read the decision and the
     * delivery log of a patient's report. In every service a client reads only what it submitted.
     */
    @Test
    void theIntegrationClientReadsTheDecisionAndLogOfItsOwnReportsOnly() {
        UUID patientsReport = client.as(tokens.patient()).accept(SampleReports.numbness());
        UUID integrationsReport = client.accept(SampleReports.numbness());
        PlatformClient clinician = client.as(tokens.clinician());
        await().atMost(Duration.ofSeconds(30)).until(() -> clinician.decision(patientsReport).status() == 200
                && clinician.decision(integrationsReport).status() == 200
                && clinician.notifications(patientsReport).json().size() == 2
                && clinician.notifications(integrationsReport).json().size() == 2);
        PlatformClient integration = client.as(tokens.integration());

        assertThat(integration.decision(integrationsReport).status()).isEqualTo(200);
        assertThat(integration.notifications(integrationsReport).json().size()).isEqualTo(2);
        PlatformClient.Response refused = integration.decision(patientsReport);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().replaceAll("[0-9a-f-]{36}", "ID"))
                .isEqualTo(integration.decision(UUID.randomUUID()).body().replaceAll("[0-9a-f-]{36}", "ID"));
        assertThat(integration.notifications(patientsReport).json().size()).isZero();
    }

    @Test
    void aPatientTokenIsRefusedOnClinicianAndOperationsEndpoints() {
        PlatformClient patient = client.as(tokens.patient());
        UUID reportId = client.accept(SampleReports.numbness());
        // a patient's token is for intake only: triage and notification do not accept it at all
        List<PlatformClient.Response> notForThem = List.of(patient.decision(reportId), patient.notifications(reportId),
                patient.alerts());
        assertThat(notForThem).extracting(PlatformClient.Response::status).containsOnly(401);
        List<PlatformClient.Response> refused = List.of(patient.prometheus(settings.intakePort()),
                patient.auditEvents(settings.intakePort(), reportId.toString(), null));
        assertThat(refused).extracting(PlatformClient.Response::status).containsOnly(403);
        assertThat(refused).allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        assertThat(notForThem).allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        assertThat(client.as(tokens.clinician()).auditEvents(settings.intakePort(), reportId.toString(), null).status())
                .as("clinician on the audit endpoint").isEqualTo(403);
    }

    @Test
    void operationsSeeEachClinicianViewOfAReportInEveryService() {
        UUID reportId = client.accept(SampleReports.numbness());
        PlatformClient clinician = client.as(tokens.clinician());
        await().atMost(Duration.ofSeconds(30)).until(() -> clinician.decision(reportId).status() == 200);
        clinician.report(reportId);
        clinician.notifications(reportId);

        assertThat(views(settings.intakePort(), reportId)).containsExactly("REPORT_READ ALLOWED clinician-demo");
        // the clinician polled the decision until it existed: every poll is a view, the last one succeeded
        assertThat(views(settings.triagePort(), reportId)).last().isEqualTo("DECISION_READ ALLOWED clinician-demo");
        assertThat(views(settings.notificationPort(), reportId))
                .containsExactly("NOTIFICATIONS_READ ALLOWED clinician-demo");
    }

    @Test
    void thePatientPagesNeedALoginAndTheFormNeedsItsCsrfToken() {
        PageBrowser browser = client.patientBrowser();
        HttpResponse<String> accepted = browser.submitForm(PatientForms.selfCare());
        assertThat(accepted.statusCode()).isIn(302, 303);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/reports/[0-9a-f-]{36}");
        UUID own = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(browser.statusPage(own).statusCode()).isEqualTo(200);

        assertThat(browser.submitFormWithoutCsrf(PatientForms.selfCare()).statusCode()).as("no CSRF token").isEqualTo(403);
        UUID someoneElses = client.accept(SampleReports.selfCare());
        HttpResponse<String> foreign = browser.statusPage(someoneElses);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("Page not found");
        assertThat(foreign.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'");
        assertThat(foreign.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** The clinicians' views of a report as operations read them: "ACTION OUTCOME actor", oldest first. */
    private static List<String> views(int port, UUID reportId) {
        PlatformClient.Response audit = client.as(tokens.ops()).auditEvents(port, reportId.toString(), "CLINICIAN");
        assertThat(audit.status()).isEqualTo(200);
        List<String> oldestFirst = new ArrayList<>(audit.json().valueStream().map(row -> row.get("action").asString()
                + " " + row.get("outcome").asString() + " " + row.get("actor").asString()).toList());
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
