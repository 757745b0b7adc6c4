package clinic.support.kafka;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.util.List;

/** Which failures are permanent, and why a record failed in words safe for a header or a log. */
final class DeadLetterReason {

    /** Failures no retry can cure: dead-lettered on the first attempt. Their messages are safe by contract. */
    private final List<Class<? extends Exception>> permanent;

    DeadLetterReason(List<Class<? extends Exception>> permanent) {
        this.permanent = List.copyOf(permanent);
    }

    List<Class<? extends Exception>> permanent() {
        return permanent;
    }

    /** The message of a permanent failure; for anything else only the class name (a message may quote data). */
    String of(Throwable exception) {
        Throwable cause = exception;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            Throwable candidate = t;
            if (permanent.stream().anyMatch(type -> type.isInstance(candidate))) {
                return t.getMessage();
            }
        }
        return cause.getClass().getName();
    }
}
