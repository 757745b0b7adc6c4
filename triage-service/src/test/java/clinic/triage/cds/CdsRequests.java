package clinic.triage.cds;

import ca.uhn.fhir.context.FhirContext;
import clinic.events.intake.IntakeAnswers;
import clinic.fhir.IntakeResponse;
import clinic.fhir.QuestionnaireResponseReader;
import clinic.fhir.QuestionnaireResponseWriter;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

import java.util.Map;
import java.util.UUID;

/** CDS Hooks requests of the hook heel-pain-intake-signed, as an EHR would send them. */
final class CdsRequests {

    private CdsRequests() {
    }

    static QuestionnaireResponse questionnaireResponse(Map<String, ?> answers) {
        return QuestionnaireResponseWriter.write(answers, true);
    }

    /** The clinical answers of a response, read as the CDS service reads them (patient details not required). */
    static IntakeAnswers answers(QuestionnaireResponse response) {
        IntakeResponse read = QuestionnaireResponseReader.read(response);
        return new IntakeResponse(read.values(), read.issues().stream()
                .filter(issue -> issue.linkId() == null || !issue.linkId().startsWith("patient.")).toList()).answers();
    }

    static String json(QuestionnaireResponse response) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(response);
    }

    /** The resource in the context. */
    static String inContext(String questionnaireResponseJson) {
        return """
                {"hook": "heel-pain-intake-signed", "hookInstance": "%s",
                 "context": {"userId": "Practitioner/123", "patientId": "p-42", "questionnaireResponseId": "qr-7",
                             "questionnaireResponse": %s}}""".formatted(UUID.randomUUID(), questionnaireResponseJson);
    }

    /** The resource prefetched, as the discovery document's template asks. */
    static String prefetched(String questionnaireResponseJson) {
        return """
                {"hook": "heel-pain-intake-signed", "hookInstance": "%s",
                 "fhirServer": "https://ehr.example/fhir",
                 "fhirAuthorization": {"access_token": "secret-ehr-token", "token_type": "Bearer", "expires_in": 300,
                                       "scope": "patient/QuestionnaireResponse.read", "subject": "cds"},
                 "context": {"userId": "Practitioner/123", "questionnaireResponseId": "qr-7"},
                 "prefetch": {"questionnaireResponse": %s}}""".formatted(UUID.randomUUID(), questionnaireResponseJson);
    }
}
