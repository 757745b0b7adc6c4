package clinic.notification.delivery;

/** How one delivery attempt ended. Only DELIVERED ends a delivery well; PERMANENT_FAILURE ends it at once. */
public enum Outcome {
    DELIVERED, TIMEOUT, TRANSIENT_FAILURE, PERMANENT_FAILURE
}
