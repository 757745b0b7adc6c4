package clinic.triage.fhir;

import clinic.events.triage.RedFlag;
import org.hl7.fhir.r4.model.Coding;

import java.util.Locale;

/**
 * The clinic's own code systems. No standard terminology names our red flags one to one (SNOMED CT has findings
 * close to some, but a code a clinician did not choose would claim more than the rule knows), so the code is the
 * red flag's name as the decision JSON and the events spell it; the display says it in plain words.
 */
final class ClinicCodes {

    static final String RED_FLAG_SYSTEM = "https://heel-pain-clinic.example/fhir/CodeSystem/red-flag";
    static final String SERVICE_SYSTEM = "https://heel-pain-clinic.example/fhir/CodeSystem/service";
    static final String CLINICIAN_REVIEW = "heel-pain-clinician-review";
    /** Reports are the only key triage holds to a patient (see {@link ClinicianReviews}). */
    static final String REPORT_ID_SYSTEM = "https://heel-pain-clinic.example/fhir/sid/report-id";

    private ClinicCodes() {
    }

    static Coding redFlag(RedFlag flag) {
        return new Coding(RED_FLAG_SYSTEM, flag.name(), display(flag));
    }

    static Coding clinicianReview() {
        return new Coding(SERVICE_SYSTEM, CLINICIAN_REVIEW, "Heel pain clinician review");
    }

    /** A switch without default: a new red flag does not compile until it has its words here. */
    static String display(RedFlag flag) {
        return switch (flag) {
            case SUSPECTED_RUPTURE_OR_FRACTURE -> "Suspected tendon rupture or fracture";
            case FEVER -> "Fever with heel pain";
            case NUMBNESS -> "Numbness";
            case TINGLING -> "Tingling";
            case SWELLING -> "Swelling";
            case BRUISING -> "Bruising";
            case SIGNIFICANT_REST_PAIN -> "Significant pain at rest";
            case SEVERE_PAIN -> "Severe pain (7 or more out of 10)";
            case UNABLE_TO_WALK_NORMALLY -> "Unable to walk normally";
            case UNABLE_TO_RUN_NORMALLY -> "Unable to run normally";
            case WORSENING_DESPITE_REDUCED_LOAD -> "Worsening despite reduced running";
            case SUSPECTED_STRESS_FRACTURE -> "Suspected stress fracture of the heel bone";
        };
    }

    /** {@code SEVERE_PAIN} as {@code severe-pain}, for resource ids. */
    static String kebab(RedFlag flag) {
        return flag.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
