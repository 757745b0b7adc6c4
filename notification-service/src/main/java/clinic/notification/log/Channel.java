package clinic.notification.log;

/**
 * Where a notification is delivered. Real transports (email, webhook, server-sent events) arrive with
 * the delivery issue; until then every row waits in the log as {@link DeliveryStatus#PENDING}.
 */
public enum Channel {
    CLINICIAN_DASHBOARD, PATIENT_MESSAGE
}
