package clinic.intake.audit;

/** What a request did with patient data (or with the audit trail itself). */
public enum AuditAction {
    REPORT_SUBMIT, REPORT_READ, REPORT_PAGE_READ, REPORT_FORM_SUBMIT, PATIENT_CONTACT_READ, AUDIT_READ
}
