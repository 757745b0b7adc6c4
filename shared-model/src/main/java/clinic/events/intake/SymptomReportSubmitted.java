package clinic.events.intake;

import java.time.Instant;
import java.util.UUID;

/** Payload of {@code clinic.intake.symptom-report-submitted.v1}: an accepted intake report. */
public record SymptomReportSubmitted(UUID reportId, Instant submittedAt, IntakeAnswers answers) {
}
