package clinic.notification.delivery;

/**
 * Whom a delivery is for, as a role: the address (or webhook URL) is resolved when sending, from the
 * configuration or, for the patient, from the intake service. No address is ever stored here.
 */
public enum Recipient {
    /** The on-call clinicians: {@code clinic.notification.email.clinician-to} and {@code webhook.url}. */
    CLINICIAN,
    /** The escalation contact: {@code clinic.notification.escalation.email-to} and {@code escalation.webhook-url}. */
    ESCALATION,
    /** The patient who sent the report: looked up from intake by report id at send time. */
    PATIENT
}
