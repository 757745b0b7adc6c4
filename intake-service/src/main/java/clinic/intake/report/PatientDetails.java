package clinic.intake.report;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who the report is about. Stays in the intake database; never leaves this service in an event. The name is
 * printable text only: no control characters (CR/LF would let it write lines of the clinic's email), no
 * format characters (bidi overrides, zero-width characters) and no line or paragraph separators.
 */
record PatientDetails(
        @NotBlank @Size(min = 1, max = 64) String externalId,
        @NotBlank @Size(min = 1, max = 200)
        @Pattern(regexp = PRINTABLE, message = "must be printable text, without line breaks or invisible characters")
        String name,
        @NotBlank @Email @Size(max = 254) String email) {

    static final String PRINTABLE = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*";

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "PatientDetails[redacted]";
    }
}
