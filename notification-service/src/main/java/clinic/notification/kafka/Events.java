package clinic.notification.kafka;

import clinic.events.IncomingEvent;
import clinic.events.InvalidEventException;

import java.util.UUID;

/** Checks every consumer applies to a decoded event beyond its schema. */
public final class Events {

    private Events() {
    }

    /** The record's {@code ce_subject} names the report the payload is about; anything else is off-contract. */
    public static void requireSubjectIsReport(IncomingEvent<?> event, UUID reportId) {
        if (!reportId.toString().equals(event.subject())) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION,
                    "ce_subject does not match /reportId");
        }
    }
}
