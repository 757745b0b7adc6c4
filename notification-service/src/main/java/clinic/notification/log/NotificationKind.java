package clinic.notification.log;

/** What a notification is for. */
public enum NotificationKind {
    /** A clinician must review a report with red flags (EMERGENCY or URGENT_REVIEW). */
    CLINICIAN_ALERT,
    /** What the patient is told after triage: the plan, interim advice, or that a clinician will call. */
    PATIENT_NOTICE,
    /** A report for the clinicians' routine review queue (within a few days). */
    ROUTINE_REVIEW_ITEM
}
