package clinic.intake.report;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who the report is about. Stays in the intake database; never leaves this service in an event. The phone is
 * optional (a clinician's same-day call; reports without it stay valid). The name is
 * printable text only: no control characters (CR/LF would let it write lines of the clinic's email), no
 * format characters (bidi overrides, zero-width characters) and no line or paragraph separators.
 */
record PatientDetails(
        @NotBlank @Size(min = 1, max = 64) String externalId,
        @NotBlank @Size(min = 1, max = 200)
        @Pattern(regexp = PRINTABLE, message = "must be printable text, without line breaks or invisible characters")
        String name,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 16) @Pattern(regexp = E164, message = "must be in international format: + then 8 to 15 digits")
        String phone) {

    static final String PRINTABLE = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*";

    /** E.164: a plus sign, then the country code and number, 8 to 15 digits in all, no spaces. */
    static final String E164 = "\\+[0-9]{8,15}";

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "PatientDetails[redacted]";
    }
}
