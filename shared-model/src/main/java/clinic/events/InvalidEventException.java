package clinic.events;

/**
 * A record that can never be processed, whatever the number of retries. The message is safe to put
 * in a dead-letter header or a log: it names the problem and JSON paths, never payload values.
 */
public class InvalidEventException extends RuntimeException {

    public enum Reason {
        MISSING_HEADER, UNSUPPORTED_SPEC_VERSION, UNKNOWN_EVENT_TYPE, WRONG_TOPIC, UNREADABLE_PAYLOAD,
        SCHEMA_VIOLATION
    }

    private final Reason reason;

    public InvalidEventException(Reason reason, String safeDetail) {
        super(reason + ": " + safeDetail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
