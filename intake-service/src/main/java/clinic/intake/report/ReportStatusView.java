package clinic.intake.report;

import clinic.events.triage.Disposition;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** Body of {@code GET /api/v1/symptom-reports/{reportId}}: status only, no patient data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReportStatusView(UUID reportId, ReportStatus status, Instant submittedAt, Disposition disposition) {

    static ReportStatusView of(SymptomReport report) {
        return new ReportStatusView(report.id(), report.status(), report.submittedAt(), report.disposition());
    }
}
