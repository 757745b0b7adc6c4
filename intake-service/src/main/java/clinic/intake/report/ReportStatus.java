package clinic.intake.report;

/** Where a report stands from the patient's point of view. */
public enum ReportStatus {
    RECEIVED, TRIAGED
}
