package clinic.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An encoded event ready to be stored in an outbox and sent later: the record key (report id),
 * the CloudEvents attributes and the JSON payload bytes.
 */
public record OutgoingEvent(UUID id, String topic, String key, String type, String source, Instant time,
                            String dataSchema, byte[] payload) {
}
