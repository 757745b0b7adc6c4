package clinic.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An encoded event ready to be stored in an outbox and sent later: the record key (report id),
 * the CloudEvents attributes, its extension attributes ({@link CloudEventHeaders#EXTENSIONS}, name without the
 * {@code ce_} prefix, sent as {@code ce_<name>} headers) and the JSON payload bytes.
 */
public record OutgoingEvent(UUID id, String topic, String key, String type, String source, Instant time,
                            String dataSchema, byte[] payload, Map<String, String> extensions) {

    public OutgoingEvent {
        extensions = Map.copyOf(extensions);
    }

    public OutgoingEvent(UUID id, String topic, String key, String type, String source, Instant time,
                         String dataSchema, byte[] payload) {
        this(id, topic, key, type, source, time, dataSchema, payload, Map.of());
    }

    /** This event with one more extension attribute (replacing one of the same name). */
    public OutgoingEvent withExtension(String name, String value) {
        CloudEventHeaders.requireKnownExtension(name);
        HashMap<String, String> more = new HashMap<>(extensions);
        more.put(name, value);
        return new OutgoingEvent(id, topic, key, type, source, time, dataSchema, payload, more);
    }
}
