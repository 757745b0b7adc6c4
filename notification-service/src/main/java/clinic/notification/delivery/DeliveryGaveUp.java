package clinic.notification.delivery;

import java.util.UUID;

/**
 * Published after the commit that marked a clinician alert's delivery FAILED: the alert is now due to
 * escalate (its deadline was moved to now), and the escalator takes it at once.
 */
public record DeliveryGaveUp(UUID notificationId) {
}
