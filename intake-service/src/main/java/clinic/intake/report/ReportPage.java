package clinic.intake.report;

import clinic.events.triage.Disposition;
import clinic.events.triage.SelfCarePlan;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * What the patient's status page shows: status, disposition and plan. Nothing else of the report
 * (no answers, rules, ruleset or patient details) reaches the page. Public only because the templates
 * call it.
 */
public record ReportPage(UUID reportId, ReportStatus status, Disposition disposition, String submitted,
                  SelfCarePlan plan) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    static ReportPage of(SymptomReport report) {
        return new ReportPage(report.id(), report.status(), report.disposition(), format(report.submittedAt()),
                report.selfCarePlan());
    }

    private static String format(Instant instant) {
        return WHEN.format(instant);
    }

    /** The status in a patient's words, for the list of their reports. */
    public String statusWords() {
        if (received() || disposition == null) {
            return "Received, being checked";
        }
        return switch (disposition) {
            case EMERGENCY -> "Get emergency care now";
            case URGENT_REVIEW -> "A clinician will contact you today";
            case ROUTINE_REVIEW -> "A clinician will review it within a few days";
            case SELF_CARE -> "Your self-care plan is ready";
        };
    }

    public boolean received() {
        return status == ReportStatus.RECEIVED;
    }
}
