package clinic.triage.cds;

import clinic.events.triage.SelfCarePlan;
import clinic.support.fhir.FhirJson;
import clinic.triage.cds.CdsResponse.Action;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The self-care plan as a FHIR CommunicationRequest for the EHR to create: a request to send the patient the
 * plan's text. A request, not a sent Communication, because sending is the EHR's (and the clinician's) act.
 */
final class SelfCareRequests {

    private final FhirJson json;

    SelfCareRequests(FhirJson json) {
        this.json = json;
    }

    Action createAction(SelfCarePlan plan, IntakeRefs refs) {
        CommunicationRequest request = new CommunicationRequest();
        request.setStatus(CommunicationRequestStatus.DRAFT);
        request.addCategory(new CodeableConcept().setText("Heel-pain self-care plan"));
        if (refs.patientId() != null) {
            request.setSubject(new Reference("Patient/" + refs.patientId()));
            request.addRecipient(new Reference("Patient/" + refs.patientId()));
        }
        if (refs.questionnaireResponseId() != null) {
            request.addAbout(new Reference("QuestionnaireResponse/" + refs.questionnaireResponseId()));
        }
        request.addPayload().setContent(new StringType(text(plan)));
        return new Action("create", "Send the patient the self-care plan", json.write(request));
    }

    /** The plan as the patient reads it: summary, advice, what to watch for, help, course, re-check. */
    static String text(SelfCarePlan plan) {
        StringBuilder text = new StringBuilder(plan.summary()).append("\n\nWhat to do:\n");
        plan.advice().forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("\nGet help if you notice:\n");
        plan.watchFor().forEach(line -> text.append("- ").append(line).append('\n'));
        text.append('\n').append(plan.howToGetHelp()).append("\n\n").append(plan.expectedCourse()).append("\n\n")
                .append(plan.recheck());
        return text.toString();
    }
}
