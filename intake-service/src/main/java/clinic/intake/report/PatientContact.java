package clinic.intake.report;

import java.util.UUID;

/** Body of {@code GET /internal/v1/patient-contacts/{reportId}}: where to send a patient's plan. */
record PatientContact(UUID reportId, String name, String email) {

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "PatientContact[reportId=" + reportId + ", redacted]";
    }
}
