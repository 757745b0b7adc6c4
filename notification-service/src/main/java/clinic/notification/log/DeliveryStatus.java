package clinic.notification.log;

/** Delivery state of a notification. Nothing is delivered yet: rows are recorded as PENDING. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED
}
