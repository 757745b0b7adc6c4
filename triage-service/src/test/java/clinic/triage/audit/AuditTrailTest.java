package clinic.triage.audit;

import clinic.events.SubmittedBy;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every request to a decision or to the audit endpoint leaves exactly one audit row with the right outcome. */
@TriageServiceTest
class AuditTrailTest {

    private static final TestIssuer ISSUER = TestIssuer.get();

    @Autowired
    MockMvc mvc;
    @Autowired
    Triage triage;
    @Autowired
    JdbcClient jdbc;

    @Test
    void eachDecisionReadLeavesOneRowWithItsOutcome() throws Exception {
        UUID reportId = UUID.randomUUID();
        String path = "/api/v1/triage-decisions/" + reportId;

        mvc.perform(as(get(path), ISSUER.clinician("dr-early"))).andExpect(status().isNotFound());
        assertThat(rows(reportId)).containsExactly(row("dr-early", "CLINICIAN", "NOT_FOUND", 404));

        triage.decide(ReportEvents.incoming(reportId, Answers.plantarPicture().build(),
                SubmittedBy.client("clinic-integration")));
        mvc.perform(as(get(path), ISSUER.clinician("dr-who"))).andExpect(status().isOk());
        mvc.perform(as(get(path), ISSUER.client("clinic-integration", "triage:read"))).andExpect(status().isOk());
        // another client's report looks unknown to the caller; the trail records the refusal
        mvc.perform(as(get(path), ISSUER.client("other-clinic", "triage:read"))).andExpect(status().isNotFound());
        mvc.perform(as(get(path), ISSUER.patient("patient-7"))).andExpect(status().isForbidden());
        mvc.perform(as(get(path), ISSUER.client("clinic-integration", "reports:read")))
                .andExpect(status().isForbidden());
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        mvc.perform(as(get(path), ISSUER.expired("dr-who"))).andExpect(status().isUnauthorized());

        assertThat(rows(reportId)).containsExactly(
                row("dr-early", "CLINICIAN", "NOT_FOUND", 404),
                row("dr-who", "CLINICIAN", "ALLOWED", 200),
                row("clinic-integration", "CLIENT", "ALLOWED", 200),
                row("other-clinic", "CLIENT", "DENIED", 404),
                row("patient-7", "PATIENT", "DENIED", 403),
                row("clinic-integration", "CLIENT", "DENIED", 403),
                row("anonymous", "ANONYMOUS", "UNAUTHENTICATED", 401),
                row("anonymous", "ANONYMOUS", "UNAUTHENTICATED", 401));
        assertThat(jdbc.sql("select distinct action from audit_event where object_id = ?").param(reportId.toString())
                .query(String.class).list()).containsExactly("DECISION_READ");
    }

    /** Issue 12: a patient's HEAD got past the GET-only rule and was recorded as an allowed read. */
    @Test
    void aHeadOfADecisionIsRefusedAndRecordedLikeTheGet() throws Exception {
        UUID reportId = UUID.randomUUID();
        String path = "/api/v1/triage-decisions/" + reportId;
        triage.decide(ReportEvents.incoming(reportId, Answers.plantarPicture().build()));

        mvc.perform(as(head(path), ISSUER.patient("patient-h"))).andExpect(status().isForbidden());
        mvc.perform(as(head(path), ISSUER.clinician("dr-h"))).andExpect(status().isOk());

        assertThat(rows(reportId)).containsExactly(
                row("patient-h", "PATIENT", "DENIED", 403),
                row("dr-h", "CLINICIAN", "ALLOWED", 200));
    }

    @Test
    void aMalformedIdIsRecordedAsRejectedWithoutCopyingIt() throws Exception {
        String actor = "dr-" + UUID.randomUUID();
        mvc.perform(as(get("/api/v1/triage-decisions/Jane Doe"), ISSUER.clinician(actor)))
                .andExpect(status().isBadRequest());

        assertThat(jdbc.sql("select object_id, outcome, http_status, action from audit_event where actor = ?")
                .param(actor).query().listOfRows()).singleElement().satisfies(row -> {
                    assertThat(row.get("object_id")).isNull();
                    assertThat(row.get("outcome")).isEqualTo("REJECTED");
                    assertThat(row.get("http_status")).isEqualTo(400);
                    assertThat(row.get("action")).isEqualTo("DECISION_READ");
                });
    }

    @Test
    void theRulesetIsNotAudited() throws Exception {
        String actor = "dr-" + UUID.randomUUID();
        mvc.perform(as(get("/api/v1/ruleset"), ISSUER.clinician(actor))).andExpect(status().isOk());

        assertThat(jdbc.sql("select count(*) from audit_event where actor = ?").param(actor).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void opsSeeTheCliniciansViewsOfAReportNewestFirstAndTheirOwnReadIsAudited() throws Exception {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, Answers.achillesPicture().build()));
        String path = "/api/v1/triage-decisions/" + reportId;
        mvc.perform(as(get(path), ISSUER.clinician("dr-first"))).andExpect(status().isOk());
        mvc.perform(as(get(path), ISSUER.patient("patient-3"))).andExpect(status().isForbidden());
        mvc.perform(as(get(path), ISSUER.clinician("dr-second"))).andExpect(status().isOk());

        mvc.perform(as(get("/ops/v1/audit-events").param("objectId", reportId.toString())
                        .param("role", "CLINICIAN"), ISSUER.ops("ops-anna")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[*].actor", contains("dr-second", "dr-first")))
                .andExpect(jsonPath("$[0].role").value("CLINICIAN"))
                .andExpect(jsonPath("$[0].action").value("DECISION_READ"))
                .andExpect(jsonPath("$[0].objectId").value(reportId.toString()))
                .andExpect(jsonPath("$[0].outcome").value("ALLOWED"))
                .andExpect(jsonPath("$[0].httpStatus").value(200))
                .andExpect(jsonPath("$[0].occurredAt").isString());
        mvc.perform(as(get("/ops/v1/audit-events").param("objectId", reportId.toString()), ISSUER.ops("ops-anna")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].actor", contains("ops-anna", "dr-second", "patient-3", "dr-first")))
                .andExpect(jsonPath("$[0].action").value("AUDIT_READ"));
    }

    @Test
    void theAuditEndpointIsForOpsOnlyAndNeedsAnObjectId() throws Exception {
        String objectId = UUID.randomUUID().toString();
        mvc.perform(as(get("/ops/v1/audit-events").param("objectId", objectId), ISSUER.clinician("dr-nosy")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/ops/v1/audit-events").param("objectId", objectId)).andExpect(status().isUnauthorized());
        mvc.perform(as(get("/ops/v1/audit-events"), ISSUER.ops("ops-anna")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(as(get("/ops/v1/audit-events").param("objectId", "Jane Doe <jane@example.org>"),
                        ISSUER.ops("ops-anna")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(as(get("/ops/v1/audit-events").param("objectId", objectId).param("role", "clinician;--"),
                        ISSUER.ops("ops-anna")))
                .andExpect(status().isBadRequest());

        assertThat(rows(objectId)).containsExactly(
                row("dr-nosy", "CLINICIAN", "DENIED", 403),
                row("anonymous", "ANONYMOUS", "UNAUTHENTICATED", 401),
                row("ops-anna", "OPS", "REJECTED", 400));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUDIT_READ' and object_id is null"
                + " and outcome = 'REJECTED'").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private List<Map<String, Object>> rows(Object objectId) {
        return jdbc.sql("select actor, actor_role, outcome, http_status from audit_event where object_id = ?"
                + " order by id").param(objectId.toString()).query().listOfRows();
    }

    private static Map<String, Object> row(String actor, String role, String outcome, int status) {
        return Map.of("actor", actor, "actor_role", role, "outcome", outcome, "http_status", status);
    }
}
