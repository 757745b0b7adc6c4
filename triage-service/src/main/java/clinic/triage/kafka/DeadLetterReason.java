package clinic.triage.kafka;

import clinic.events.InvalidEventException;

/** Why a record was dead-lettered, in words safe to put in a header or a log. */
final class DeadLetterReason {

    private DeadLetterReason() {
    }

    /** An InvalidEventException's message (safe by contract); for anything else only the class name. */
    static String of(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.getMessage();
            }
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }
}
