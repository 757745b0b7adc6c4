package clinic.events;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A decoded and validated event: CloudEvents attributes, the extension attributes this platform knows
 * ({@link CloudEventHeaders#EXTENSIONS}; absent ones are simply missing) and the typed payload.
 */
public record IncomingEvent<T>(UUID id, EventType<T> type, String source, String subject, Instant time, T data,
                               Map<String, String> extensions) {

    public IncomingEvent {
        extensions = Map.copyOf(extensions);
    }

    public IncomingEvent(UUID id, EventType<T> type, String source, String subject, Instant time, T data) {
        this(id, type, source, subject, time, data, Map.of());
    }

    public Optional<String> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }
}
