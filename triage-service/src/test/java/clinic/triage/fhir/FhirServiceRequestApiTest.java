package clinic.triage.fhir;

import clinic.events.SubmittedBy;
import clinic.events.intake.Symptom;
import clinic.support.fhir.FhirJson;
import clinic.support.testing.TestIssuer;
import clinic.triage.decision.Triage;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.UUID;

import static clinic.triage.fhir.FhirDetectedIssueApiTest.outcome;
import static clinic.triage.fhir.FhirResponses.valid;
import static clinic.triage.fhir.FhirResponses.validBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The clinician review a decision asks for, as a FHIR ServiceRequest valid in HAPI's eyes; none for SELF_CARE. */
@TriageServiceTest
class FhirServiceRequestApiTest {

    private static final String CLINICIAN = "Bearer " + TestIssuer.get().clinician("clinician-fhir-reviews");

    @Autowired
    MockMvc mvc;
    @Autowired
    Triage triage;

    @Test
    void anEmergencyIsAStatOrderForAClinicianReviewWithItsRedFlagsAndAnswers() throws Exception {
        UUID reportId = decided(Answers.plantarPicture().poppedOrSnapped().with(Symptom.SWELLING));

        Bundle bundle = validBundle(search(reportId.toString()));

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(bundle.getLink("self").getUrl())
                .isEqualTo("http://localhost:8082/fhir/ServiceRequest?subject-report=" + reportId);
        assertThat(bundle.getEntryFirstRep().getFullUrl())
                .isEqualTo("http://localhost:8082/fhir/ServiceRequest/" + reportId);
        assertThat(bundle.getEntryFirstRep().getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        ServiceRequest review = (ServiceRequest) bundle.getEntryFirstRep().getResource();
        assertThat(review.getIdElement().getIdPart()).isEqualTo(reportId.toString());
        assertThat(review.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(review.getIntent()).isEqualTo(ServiceRequestIntent.ORDER);
        assertThat(review.getPriority()).isEqualTo(ServiceRequestPriority.STAT);
        assertThat(review.getCode().getCodingFirstRep().getSystem())
                .isEqualTo("https://heel-pain-clinic.example/fhir/CodeSystem/service");
        assertThat(review.getCode().getCodingFirstRep().getCode()).isEqualTo("heel-pain-clinician-review");
        assertThat(review.getAuthoredOnElement().getValueAsString())
                .isEqualTo(triage.decisionFor(reportId).orElseThrow().decidedAt().toString());
        assertThat(review.getReasonCode()).extracting(reason -> reason.getCodingFirstRep().getCode())
                .containsExactly("SUSPECTED_RUPTURE_OR_FRACTURE", "SWELLING");
        String compactId = reportId.toString().replace("-", "");
        assertThat(review.getSupportingInfo()).extracting(Reference::getReference).containsExactly(
                "http://localhost:8082/fhir/DetectedIssue/" + compactId + "-suspected-rupture-or-fracture",
                "http://localhost:8082/fhir/DetectedIssue/" + compactId + "-swelling",
                "http://localhost:8081/fhir/QuestionnaireResponse/" + reportId);
        assertThat(review.getNote()).extracting(Annotation::getText).containsExactly(
                "RF-SUSPECTED-RUPTURE-OR-FRACTURE (EMERGENCY): suddenOnsetWithPopOrSnap = true",
                "RF-SWELLING (URGENT_REVIEW): symptoms includes SWELLING");
    }

    @Test
    void theSubjectIsTheReportNotAPatientIdentity() throws Exception {
        UUID reportId = decided(Answers.quiet().with(Symptom.FEVER));

        ServiceRequest review = read(reportId);

        Reference subject = review.getSubject();
        assertThat(subject.hasReference()).as("no Patient resource to point at").isFalse();
        assertThat(subject.getType()).isEqualTo("Patient");
        assertThat(subject.getIdentifier().getSystem())
                .isEqualTo("https://heel-pain-clinic.example/fhir/sid/report-id");
        assertThat(subject.getIdentifier().getValue()).isEqualTo(reportId.toString());
        assertThat(subject.getDisplay()).isEqualTo("Patient of heel-pain report " + reportId);
    }

    @Test
    void thePriorityFollowsTheDisposition() throws Exception {
        assertThat(read(decided(Answers.quiet().poppedOrSnapped())).getPriority())
                .isEqualTo(ServiceRequestPriority.STAT);
        assertThat(read(decided(Answers.quiet().score(9))).getPriority()).isEqualTo(ServiceRequestPriority.URGENT);
        ServiceRequest routine = read(decided(Answers.plantarPicture().diabetes()));
        assertThat(routine.getPriority()).isEqualTo(ServiceRequestPriority.ROUTINE);
        assertThat(routine.getReasonCode()).as("no red flag").isEmpty();
        assertThat(routine.getNote()).extracting(Annotation::getText).containsExactly(
                "RT-DIABETES (ROUTINE_REVIEW): hasDiabetes = true");
    }

    @Test
    void selfCareAndUnknownReportsHaveNoReview() throws Exception {
        UUID selfCare = decided(Answers.plantarPicture());
        for (UUID reportId : new UUID[]{selfCare, UUID.randomUUID()}) {
            Bundle bundle = validBundle(search(reportId.toString()));
            assertThat(bundle.getTotal()).isZero();
            assertThat(bundle.getEntry()).isEmpty();
            outcome(mvc.perform(get("/fhir/ServiceRequest/{id}", reportId).header(AUTHORIZATION, CLINICIAN))
                    .andExpect(status().isNotFound()).andReturn(), "not-found");
        }
    }

    @Test
    void aMissingOrMalformedReportIdIsA400OperationOutcome() throws Exception {
        outcome(mvc.perform(get("/fhir/ServiceRequest").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isBadRequest()).andReturn(), "required");
        MvcResult malformed = mvc.perform(get("/fhir/ServiceRequest").param("subject-report", "Jane Doe")
                .header(AUTHORIZATION, CLINICIAN)).andExpect(status().isBadRequest()).andReturn();
        outcome(malformed, "invalid");
        assertThat(malformed.getResponse().getContentAsString()).doesNotContain("Jane");
        outcome(mvc.perform(get("/fhir/ServiceRequest/{id}", "not-a-report").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isBadRequest()).andReturn(), "invalid");
    }

    @Test
    void aClientReadsOnlyTheReviewsOfReportsItSubmitted() throws Exception {
        UUID own = UUID.randomUUID();
        UUID others = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(own, Answers.quiet().score(9).build(),
                SubmittedBy.client("clinic-integration")));
        triage.decide(ReportEvents.incoming(others, Answers.quiet().score(9).build(),
                SubmittedBy.person()));
        String integration = "Bearer " + TestIssuer.get().client("clinic-integration", "triage:read");

        mvc.perform(get("/fhir/ServiceRequest/{id}", own).header(AUTHORIZATION, integration))
                .andExpect(status().isOk());
        mvc.perform(get("/fhir/ServiceRequest/{id}", others).header(AUTHORIZATION, integration))
                .andExpect(status().isNotFound());
        Bundle othersIssues = validBundle(mvc.perform(get("/fhir/DetectedIssue")
                .param("subject-report", others.toString()).header(AUTHORIZATION, integration))
                .andExpect(status().isOk()).andReturn());
        assertThat(othersIssues.getTotal()).as("someone else's report looks undecided").isZero();
    }

    private UUID decided(Answers answers) {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, answers.build()));
        return reportId;
    }

    private MvcResult search(String reportId) throws Exception {
        return mvc.perform(get("/fhir/ServiceRequest").param("subject-report", reportId)
                        .header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(FhirJson.MEDIA_TYPE))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
    }

    private ServiceRequest read(UUID reportId) throws Exception {
        MvcResult result = mvc.perform(get("/fhir/ServiceRequest/{id}", reportId).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(FhirJson.MEDIA_TYPE))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
        return valid(result, ServiceRequest.class);
    }
}
