package clinic.notification.log;

/**
 * Whom a notification is for, as the delivery log shows it: the clinicians (their dashboard, plus email and
 * webhook for alerts) or the patient (an email). The transports themselves are the deliveries' channels.
 */
public enum Channel {
    CLINICIAN_DASHBOARD, PATIENT_MESSAGE
}
