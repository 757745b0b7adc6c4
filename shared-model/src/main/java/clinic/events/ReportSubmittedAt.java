package clinic.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When the report was submitted, as the CloudEvents extension attribute {@code reportsubmittedat}
 * ({@code ce_reportsubmittedat}, an RFC 3339 time) of every event triage derives from a report. It lets the
 * notification service measure the whole pipeline, report submitted to first notification, without asking intake.
 * A time, not patient data.
 */
public final class ReportSubmittedAt {

    public static final String ATTRIBUTE = "reportsubmittedat";

    private ReportSubmittedAt() {
    }

    /** The event, stamped with the time its report was submitted. */
    public static OutgoingEvent stamp(OutgoingEvent event, Instant submittedAt) {
        return event.withExtension(ATTRIBUTE, submittedAt.toString());
    }

    /** The submission time an incoming event names; empty when it names none or a malformed one. */
    public static Optional<Instant> of(IncomingEvent<?> event) {
        return event.extension(ATTRIBUTE).flatMap(value -> {
            try {
                return Optional.of(Instant.parse(value));
            } catch (DateTimeParseException malformed) {
                return Optional.empty();
            }
        });
    }
}
