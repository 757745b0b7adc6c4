package clinic.triage.kafka;

import clinic.events.InvalidEventException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.util.List;

/** Which failures are permanent, and why a record failed in words safe for a header or a log. */
final class DeadLetterReason {

    /**
     * Failures no retry can cure: dead-lettered on the first attempt. Their messages are safe by contract
     * (they name fields and ids, never values). Triage has no permanent failure of its own: a report it can
     * decode it can always decide (the engine fails safe to a clinician review).
     */
    static final List<Class<? extends Exception>> PERMANENT = List.of(InvalidEventException.class);

    private DeadLetterReason() {
    }

    /** The message of a permanent failure; for anything else only the class name (a message may quote data). */
    static String of(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            Throwable candidate = t;
            if (PERMANENT.stream().anyMatch(type -> type.isInstance(candidate))) {
                return t.getMessage();
            }
        }
        return cause.getClass().getName();
    }
}
