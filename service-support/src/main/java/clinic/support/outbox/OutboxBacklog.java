package clinic.support.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * The rows waiting to be published: how many, and when the oldest was written (null when none wait).
 * Counts and ages only; nothing about any patient.
 */
record OutboxBacklog(long pending, Instant oldestCreatedAt) {

    /** How long the oldest pending row has been waiting; zero when nothing waits. */
    Duration oldestAge(Instant now) {
        if (oldestCreatedAt == null || oldestCreatedAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestCreatedAt, now);
    }
}
