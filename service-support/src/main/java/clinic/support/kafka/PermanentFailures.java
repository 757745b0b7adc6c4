package clinic.support.kafka;

import java.util.List;

/**
 * Failures of a service's own that no retry can cure, declared as a bean: a record failing with one of them
 * is dead-lettered on its first attempt, and the failure's message is used as the dead-letter reason, so
 * its message must name fields and ids only, never values. {@code InvalidEventException} (undecodable
 * bytes, schema violations, unknown event type or version) is always permanent.
 */
public record PermanentFailures(List<Class<? extends Exception>> types) {

    @SafeVarargs
    public static PermanentFailures of(Class<? extends Exception>... types) {
        return new PermanentFailures(List.of(types));
    }
}
