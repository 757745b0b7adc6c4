package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import clinic.fhir.HeelPainIntake;
import clinic.fhir.IntakeResponse;
import clinic.fhir.QuestionnaireResponseWriter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Between FHIR QuestionnaireResponses and this service's reports, in both directions. */
final class IntakeQuestionnaireResponses {

    /** The identifier system of the report id, which is also the QuestionnaireResponse's id. */
    static final String REPORT_ID_SYSTEM = HeelPainIntake.BASE + "/sid/report-id";

    private IntakeQuestionnaireResponses() {
    }

    /** A response the contract reader found valid, as the JSON API's request, for the same validation. */
    static SymptomReportRequest request(IntakeResponse response) {
        PatientDetails patient = new PatientDetails(response.text("patient.externalId").orElse(null),
                response.text("patient.name").orElse(null), response.text("patient.email").orElse(null),
                response.text("patient.phone").orElse(null));
        IntakeAnswers a = response.answers();
        return new SymptomReportRequest(patient, a.ageYears(), a.hasDiabetes(), a.painLocation(),
                List.copyOf(a.painQualities()), List.copyOf(a.symptoms()), a.worstOnFirstStepsAfterRest(),
                a.easesOnceMoving(), a.worseWithActivity(), a.painAtRest(), a.painScore(), a.trend(),
                a.worseningDespiteReducedLoad(), a.canWalkNormally(), a.canRunNormally(),
                a.painOnSqueezingHeelSides(), a.tenderBackOfHeelToPressure(), a.suddenOnsetWithPopOrSnap(),
                List.copyOf(a.recentLoadChanges()), a.symptomDurationDays(), a.weeksOfLoadReductionAndRehab(),
                a.returnsWhenRunningResumes());
    }

    /** A stored report as the QuestionnaireResponse it was (answers in the Questionnaire's groups). */
    static QuestionnaireResponse of(AnsweredReport report) {
        Map<String, Object> values = new HashMap<>();
        values.put("patient.externalId", report.patient().externalId());
        values.put("patient.name", report.patient().name());
        values.put("patient.email", report.patient().email());
        values.put("patient.phone", report.patient().phone());
        for (RecordComponent field : IntakeAnswers.class.getRecordComponents()) {
            values.put(field.getName(), value(field, report.answers()));
        }
        QuestionnaireResponse response = QuestionnaireResponseWriter.write(values, true);
        response.setId(report.reportId().toString());
        response.setIdentifier(new Identifier().setSystem(REPORT_ID_SYSTEM).setValue(report.reportId().toString()));
        response.setAuthored(Date.from(report.submittedAt()));
        return response;
    }

    private static Object value(RecordComponent field, IntakeAnswers answers) {
        try {
            return field.getAccessor().invoke(answers);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read contract field " + field.getName(), e);
        }
    }
}
