package clinic.triage.inbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/** The idempotent-consumer guard: records each consumed event id in the caller's transaction. */
@Component
public class Inbox {

    private final ProcessedMessageRepository processed;
    private final Clock clock;

    Inbox(ProcessedMessageRepository processed, Clock clock) {
        this.processed = processed;
        this.clock = clock;
    }

    /**
     * Records the event as processed by {@code consumer}, within the current transaction.
     *
     * @return false if it was processed before (a redelivery: do nothing)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        if (processed.existsById(new ProcessedMessage.Key(consumer, eventId))) {
            return false;
        }
        processed.save(new ProcessedMessage(consumer, eventId, clock.instant()));
        return true;
    }
}
