package clinic.support.outbox;

import java.time.Instant;
import java.util.UUID;

/** A read-only view of an outbox row (operations and tests). */
public record OutboxEntry(UUID id, String topic, String key, String type, String payload, Instant sentAt) {
}
