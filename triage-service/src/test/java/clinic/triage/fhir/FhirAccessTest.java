package clinic.triage.fhir;

import clinic.support.testing.TestIssuer;
import clinic.triage.decision.Triage;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The FHIR form of a decision has the readers of the decision JSON (SecurityMatrixTest walks every cell), and
 * every read of it is audited as a decision read, naming the report.
 */
@TriageServiceTest
class FhirAccessTest {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @Autowired
    MockMvc mvc;
    @Autowired
    Triage triage;
    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutATokenIs401AndAPatientOrAClientWithoutTriageReadIs403() throws Exception {
        UUID reportId = decided();
        for (String path : paths(reportId)) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            mvc.perform(as(get(path), ISSUER.patient("patient-fhir"))).andExpect(status().isForbidden());
            mvc.perform(as(get(path), ISSUER.ops("ops-fhir"))).andExpect(status().isForbidden());
            mvc.perform(as(get(path), ISSUER.client("clinic-integration", "reports:read")))
                    .andExpect(status().isForbidden());
            mvc.perform(as(get(path), ISSUER.clinician("dr-fhir"))).andExpect(status().isOk());
        }
    }

    @Test
    void eachReadIsAuditedAsADecisionReadOfTheReport() throws Exception {
        UUID reportId = decided();
        List<String> paths = paths(reportId);
        for (String path : paths) {
            mvc.perform(as(get(path), ISSUER.clinician("dr-audited"))).andExpect(status().isOk());
        }
        mvc.perform(as(get(paths.get(0)), ISSUER.patient("patient-audited"))).andExpect(status().isForbidden());

        assertThat(jdbc.sql("select actor, action, outcome, http_status from audit_event where object_id = ?"
                + " order by id").param(reportId.toString()).query().listOfRows()).containsExactly(
                row("dr-audited", "ALLOWED", 200), row("dr-audited", "ALLOWED", 200),
                row("dr-audited", "ALLOWED", 200), row("dr-audited", "ALLOWED", 200),
                row("patient-audited", "DENIED", 403));
    }

    @Test
    void aMalformedSearchIsRecordedAsRejectedWithoutCopyingTheValue() throws Exception {
        String actor = "dr-" + UUID.randomUUID();
        mvc.perform(as(get("/fhir/DetectedIssue").param("subject-report", "Jane Doe"), ISSUER.clinician(actor)))
                .andExpect(status().isBadRequest());

        assertThat(jdbc.sql("select object_id, outcome, http_status, action from audit_event where actor = ?")
                .param(actor).query().listOfRows()).singleElement().satisfies(row -> {
                    assertThat(row.get("object_id")).isNull();
                    assertThat(row.get("outcome")).isEqualTo("REJECTED");
                    assertThat(row.get("action")).isEqualTo("DECISION_READ");
                });
    }

    private UUID decided() {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, Answers.quiet().score(8).build()));
        return reportId;
    }

    private static List<String> paths(UUID reportId) {
        return List.of("/fhir/DetectedIssue?subject-report=" + reportId,
                "/fhir/DetectedIssue/" + reportId.toString().replace("-", "") + "-severe-pain",
                "/fhir/ServiceRequest?subject-report=" + reportId,
                "/fhir/ServiceRequest/" + reportId);
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> row(String actor, String outcome, int status) {
        return Map.of("actor", actor, "action", "DECISION_READ", "outcome", outcome, "http_status", status);
    }
}
