package clinic.triage.fhir;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.TriageDecisionMade;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The clinician review a decision asks for, as a FHIR ServiceRequest: every disposition but SELF_CARE sends the
 * report to a clinician (triage-policy.md), SELF_CARE sends the patient a plan and asks for no review, so it has
 * none. Its status stays {@code active}: the review is done in notification, and triage does not learn of it.
 */
@Component
class ClinicianReviews {

    private final FhirAddresses addresses;

    ClinicianReviews(FhirAddresses addresses) {
        this.addresses = addresses;
    }

    Optional<ServiceRequest> of(TriageDecisionMade decision, List<DetectedIssue> issues) {
        Optional<ServiceRequestPriority> priority = priority(decision.disposition());
        if (priority.isEmpty()) {
            return Optional.empty();
        }
        ServiceRequest review = new ServiceRequest();
        review.setId(decision.reportId().toString());
        review.setStatus(ServiceRequestStatus.ACTIVE);
        // order, not proposal: nobody approves a triage decision before it acts. Under the clinic's standing
        // policy every review disposition goes to the clinicians' queue at once (notification alerts and
        // escalates until someone acknowledges), so it is an authorised demand for the review, not a suggestion
        // a clinician may decline to act on ("a red-flag report always reaches a clinician", DESIGN.md)
        review.setIntent(ServiceRequestIntent.ORDER);
        review.setPriority(priority.get());
        review.setCode(new CodeableConcept(ClinicCodes.clinicianReview()).setText("Heel pain clinician review"));
        review.setSubject(subject(decision));
        review.setAuthoredOnElement(new DateTimeType(decision.decidedAt().toString()));
        // R4 limits reasonReference to Condition, Observation, DiagnosticReport and DocumentReference (HAPI's
        // validator refuses a DetectedIssue there): the red flags are the reason as codes, and their
        // DetectedIssues, with the rule and answers behind each, are supporting information
        for (DetectedIssue issue : issues) {
            review.addReasonCode(issue.getCode().copy());
            String url = addresses.fhirBase() + "/DetectedIssue/" + issue.getIdElement().getIdPart();
            review.addSupportingInfo(new Reference(url).setType("DetectedIssue"));
        }
        review.addSupportingInfo(new Reference(addresses.questionnaireResponse(decision.reportId()))
                .setType("QuestionnaireResponse"));
        decision.rulesFired().forEach(fired -> review.addNote(new Annotation().setText(note(fired))));
        return Optional.of(review);
    }

    /** SELF_CARE: no review, so no priority. */
    static Optional<ServiceRequestPriority> priority(Disposition disposition) {
        return switch (disposition) {
            case EMERGENCY -> Optional.of(ServiceRequestPriority.STAT);
            case URGENT_REVIEW -> Optional.of(ServiceRequestPriority.URGENT);
            case ROUTINE_REVIEW -> Optional.of(ServiceRequestPriority.ROUTINE);
            case SELF_CARE -> Optional.empty();
        };
    }

    /**
     * R4 requires a subject, but triage holds no patient identity (events carry none) and serves no Patient: the
     * subject is named by the one key triage has, the report id, as a logical reference with no name in it.
     */
    private static Reference subject(TriageDecisionMade decision) {
        return new Reference().setType("Patient")
                .setIdentifier(new Identifier().setSystem(ClinicCodes.REPORT_ID_SYSTEM)
                        .setValue(decision.reportId().toString()))
                .setDisplay("Patient of heel-pain report " + decision.reportId());
    }

    /** A fired rule and the answers behind it, e.g. {@code RF-SEVERE-PAIN (URGENT_REVIEW): painScore = 8 (>= 7)}. */
    private static String note(FiredRule fired) {
        return fired.ruleId() + " (" + fired.disposition() + "): " + String.join("; ", fired.because());
    }
}
