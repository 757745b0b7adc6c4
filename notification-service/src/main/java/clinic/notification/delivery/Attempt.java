package clinic.notification.delivery;

import java.time.Instant;

/** How one delivery attempt ended, as the delivery log records it (an error class, never a message). */
record Attempt(DeliveryTask task, Instant attemptedAt, Outcome outcome, String errorClass) {

    /** @param failure null when the receiver accepted the message */
    static Attempt of(DeliveryTask task, Instant attemptedAt, DeliveryFailure failure) {
        return failure == null
                ? new Attempt(task, attemptedAt, Outcome.DELIVERED, null)
                : new Attempt(task, attemptedAt, failure.outcome(), failure.errorClass());
    }
}
