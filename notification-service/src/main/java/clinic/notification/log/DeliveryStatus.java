package clinic.notification.log;

/**
 * Delivery state of a notification, and of each of its deliveries: PENDING until sent (or retried),
 * DELIVERED once accepted by the SMTP server or the webhook, FAILED after the last retry or a permanent error,
 * CANCELLED for an escalation delivery still waiting when a clinician acknowledged the alert.
 */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED, CANCELLED
}
