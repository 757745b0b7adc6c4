package clinic.intake.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code GET /internal/v1/cases/{reportId}}: a report as the clinician reviewing it needs it, fetched by the
 * notification service when a clinician opens the case page and never stored there. Patient data throughout.
 */
record CaseFile(UUID reportId, Instant submittedAt, Patient patient, List<CaseAnswers.Answer> answers) {

    /** Who to contact: the clinic patient number, name, email and, where given, phone (E.164). */
    record Patient(String externalId, String name, String email, String phone) {

        @Override
        public String toString() {
            return "Patient[redacted]";
        }
    }

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "CaseFile[reportId=" + reportId + ", redacted]";
    }
}
