package clinic.intake.report;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Who the report is about. Stays in the intake database; never leaves this service in an event. */
record PatientDetails(
        @NotBlank @Size(min = 1, max = 64) String externalId,
        @NotBlank @Size(min = 1, max = 200) String name,
        @NotBlank @Email @Size(max = 254) String email) {

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "PatientDetails[redacted]";
    }
}
