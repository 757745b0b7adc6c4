package clinic.triage.fhir;

import clinic.events.intake.Symptom;
import clinic.support.fhir.FhirJson;
import clinic.support.testing.TestIssuer;
import clinic.triage.decision.Triage;
import clinic.triage.engine.HeelPainRules;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueSeverity;
import org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.UUID;

import static clinic.triage.fhir.FhirResponses.valid;
import static clinic.triage.fhir.FhirResponses.validBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A decision's red flags as FHIR DetectedIssues: one per flag, valid R4 as HAPI judges it. */
@TriageServiceTest
class FhirDetectedIssueApiTest {

    private static final String CLINICIAN = "Bearer " + TestIssuer.get().clinician("clinician-fhir-issues");
    private static final String RULESET = "http://localhost:8082/api/v1/ruleset#";

    @Autowired
    MockMvc mvc;
    @Autowired
    Triage triage;

    @Test
    void listsOneDetectedIssuePerRedFlagWithSeverityEvidenceAndRuleSource() throws Exception {
        UUID reportId = decided(Answers.plantarPicture().score(8).with(Symptom.SWELLING).poppedOrSnapped());

        Bundle bundle = validBundle(search(reportId.toString()));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(3);
        assertThat(bundle.getLink("self").getUrl())
                .isEqualTo("http://localhost:8082/fhir/DetectedIssue?subject-report=" + reportId);
        assertThat(bundle.getEntry()).allSatisfy(entry -> {
            assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
            assertThat(entry.getFullUrl()).isEqualTo("http://localhost:8082/fhir/DetectedIssue/"
                    + entry.getResource().getIdElement().getIdPart());
        });
        List<DetectedIssue> issues = issues(bundle);
        assertThat(issues).extracting(issue -> issue.getCode().getCodingFirstRep().getCode())
                .containsExactly("SUSPECTED_RUPTURE_OR_FRACTURE", "SWELLING", "SEVERE_PAIN");
        assertThat(issues).extracting(DetectedIssue::getSeverity).containsExactly(DetectedIssueSeverity.HIGH,
                DetectedIssueSeverity.MODERATE, DetectedIssueSeverity.MODERATE);
        assertThat(issues).extracting(DetectedIssue::getReference).containsExactly(
                RULESET + "RF-SUSPECTED-RUPTURE-OR-FRACTURE", RULESET + "RF-SWELLING", RULESET + "RF-SEVERE-PAIN");
        String compactId = reportId.toString().replace("-", "");
        assertThat(issues).extracting(issue -> issue.getIdElement().getIdPart()).containsExactly(
                compactId + "-suspected-rupture-or-fracture", compactId + "-swelling", compactId + "-severe-pain");
        assertThat(issues).allSatisfy(issue -> {
            assertThat(issue.getStatus()).isEqualTo(DetectedIssueStatus.FINAL);
            Coding code = issue.getCode().getCodingFirstRep();
            assertThat(code.getSystem()).isEqualTo("https://heel-pain-clinic.example/fhir/CodeSystem/red-flag");
            assertThat(code.getDisplay()).isNotBlank().doesNotContain("_");
            assertThat(issue.getEvidenceFirstRep().getDetailFirstRep().getReference())
                    .isEqualTo("http://localhost:8081/fhir/QuestionnaireResponse/" + reportId);
            assertThat(issue.getIdentifiedDateTimeType().getValueAsString()).endsWith("Z");
            assertThat(issue.hasPatient()).as("triage holds no patient").isFalse();
            assertThat(issue.hasImplicated()).isFalse();
        });
        assertThat(issues.get(2).getDetail()).contains("severe band", "painScore = 8 (>= 7)");
    }

    @Test
    void theSeverityIsTheDispositionTheRaisingRuleProposes() {
        HeelPainRules.rules().stream().filter(rule -> rule.redFlag() != null).forEach(rule ->
                assertThat(DetectedIssues.severity(rule.disposition())).as(rule.id()).isEqualTo(
                        rule.disposition().name().equals("EMERGENCY") ? DetectedIssueSeverity.HIGH
                                : DetectedIssueSeverity.MODERATE));
    }

    @Test
    void identifiedIsTheDecisionTime() throws Exception {
        UUID reportId = decided(Answers.quiet().with(Symptom.FEVER));
        String decidedAt = triage.decisionFor(reportId).orElseThrow().decidedAt().toString();

        DetectedIssue issue = issues(validBundle(search(reportId.toString()))).get(0);

        assertThat(issue.getIdentifiedDateTimeType().getValueAsString()).isEqualTo(decidedAt);
    }

    @Test
    void aDecisionWithoutRedFlagsAndAnUnknownReportGiveEmptySearchsets() throws Exception {
        UUID selfCare = decided(Answers.plantarPicture());
        UUID routine = decided(Answers.plantarPicture().diabetes());

        for (UUID reportId : new UUID[]{selfCare, routine, UUID.randomUUID()}) {
            Bundle bundle = validBundle(search(reportId.toString()));
            assertThat(bundle.getTotal()).isZero();
            assertThat(bundle.getEntry()).isEmpty();
        }
    }

    @Test
    void readsOneDetectedIssueByItsId() throws Exception {
        UUID reportId = decided(Answers.quiet().cannotWalkNormally());
        String id = reportId.toString().replace("-", "") + "-unable-to-walk-normally";

        MvcResult result = mvc.perform(get("/fhir/DetectedIssue/{id}", id).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(FhirJson.MEDIA_TYPE))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
        DetectedIssue issue = valid(result, DetectedIssue.class);

        assertThat(issue.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(issue.getCode().getCodingFirstRep().getCode()).isEqualTo("UNABLE_TO_WALK_NORMALLY");
        String otherFlag = reportId.toString().replace("-", "") + "-fever";
        outcome(mvc.perform(get("/fhir/DetectedIssue/{id}", otherFlag).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isNotFound()).andReturn(), "not-found");
    }

    @Test
    void aMissingOrMalformedReportIdIsA400OperationOutcomeThatDoesNotRepeatIt() throws Exception {
        outcome(mvc.perform(get("/fhir/DetectedIssue").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isBadRequest()).andReturn(), "required");
        for (String bad : new String[]{"", "Jane Doe", "1-2-3-4-5", UUID.randomUUID() + "x"}) {
            MvcResult result = search(bad, 400);
            outcome(result, bad.isEmpty() ? "required" : "invalid");
            if (!bad.isEmpty()) {
                assertThat(result.getResponse().getContentAsString()).doesNotContain(bad);
            }
        }
        outcome(mvc.perform(get("/fhir/DetectedIssue/{id}", "Jane-Doe").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isBadRequest()).andReturn(), "invalid");
    }

    private UUID decided(Answers answers) {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, answers.build()));
        return reportId;
    }

    private MvcResult search(String reportId) throws Exception {
        return search(reportId, 200);
    }

    private MvcResult search(String reportId, int expected) throws Exception {
        return mvc.perform(get("/fhir/DetectedIssue").param("subject-report", reportId)
                        .header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().is(expected))
                .andExpect(content().contentTypeCompatibleWith(FhirJson.MEDIA_TYPE))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
    }

    private static List<DetectedIssue> issues(Bundle bundle) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource).map(DetectedIssue.class::cast)
                .toList();
    }

    static void outcome(MvcResult result, String issueType) {
        assertThat(result.getResponse().getContentType()).startsWith(FhirJson.MEDIA_TYPE);
        OperationOutcome outcome = valid(result, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(outcome.getIssueFirstRep().getCode().toCode()).isEqualTo(issueType);
    }
}
