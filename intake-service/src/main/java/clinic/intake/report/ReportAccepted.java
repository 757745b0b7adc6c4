package clinic.intake.report;

import java.util.UUID;

/** Body of the {@code 202 Accepted} answer to a submitted report. */
record ReportAccepted(UUID reportId, ReportStatus status) {
}
