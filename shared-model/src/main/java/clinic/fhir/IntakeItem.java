package clinic.fhir;

import java.util.Arrays;
import java.util.List;

/**
 * One question of the heel-pain Questionnaire, as the contract defines it: its linkId (the JSON field name,
 * dotted for the patient's details), answer type, whether it must be answered, whether it repeats, and for
 * numbers the range, for choices the enum whose names are the codes.
 */
public record IntakeItem(String linkId, Type type, boolean required, boolean repeats, Integer minValue,
                         Integer maxValue, Class<? extends Enum<?>> codes) {

    /** The FHIR R4 item types the contract uses. */
    public enum Type {
        BOOLEAN("boolean"), INTEGER("integer"), CHOICE("choice"), STRING("string");

        private final String fhirCode;

        Type(String fhirCode) {
            this.fhirCode = fhirCode;
        }

        /** The {@code Questionnaire.item.type} code. */
        public String fhirCode() {
            return fhirCode;
        }
    }

    /** The codes a choice accepts, in the enum's order; empty for other types. */
    public List<String> codeValues() {
        if (codes == null) {
            return List.of();
        }
        return Arrays.stream(codes.getEnumConstants()).map(Enum::name).toList();
    }

    /** The code system of a choice's answers. */
    public String codeSystem() {
        return HeelPainIntake.codeSystem(codes);
    }

    /** True for the patient's contact details, which stay in intake and never reach triage. */
    public boolean isPatientDetail() {
        return linkId.startsWith(HeelPainIntake.PATIENT_PREFIX);
    }
}
