package clinic.events;

import java.time.Instant;
import java.util.UUID;

/** A decoded and validated event: CloudEvents attributes plus the typed payload. */
public record IncomingEvent<T>(UUID id, EventType<T> type, String source, String subject, Instant time, T data) {
}
