package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;

import java.time.Instant;
import java.util.UUID;

/** A stored report with everything its submitter answered: patient data throughout, for its readers only. */
record AnsweredReport(UUID reportId, Instant submittedAt, CaseFile.Patient patient, IntakeAnswers answers) {

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "AnsweredReport[reportId=" + reportId + ", redacted]";
    }
}
