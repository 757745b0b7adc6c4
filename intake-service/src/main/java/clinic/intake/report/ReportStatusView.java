package clinic.intake.report;

import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code GET /api/v1/symptom-reports/{reportId}}: status only, no patient data. Absent values
 * are left out: {@code disposition} until triaged, {@code selfCarePlan} unless the decision has one
 * (SELF_CARE plan, ROUTINE_REVIEW interim advice).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReportStatusView(UUID reportId, ReportStatus status, Instant submittedAt, Disposition disposition,
                        SelfCarePlan selfCarePlan) {

    static ReportStatusView of(SymptomReport report) {
        return new ReportStatusView(report.id(), report.status(), report.submittedAt(), report.disposition(),
                report.selfCarePlan());
    }
}
