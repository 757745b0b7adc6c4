package clinic.notification.inbox;

import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * The idempotent-consumer record (consumer, event id). Claiming an event writes its row in the
 * caller's transaction, so the row commits if and only if the handler's work commits.
 */
@Component
public class Inbox {

    private final ProcessedMessageRepository processed;
    private final EntityManager entityManager;
    private final Clock clock;

    Inbox(ProcessedMessageRepository processed, EntityManager entityManager, Clock clock) {
        this.processed = processed;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** @return true the first time this consumer sees the event id; false for a redelivery */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean claim(String consumer, UUID eventId) {
        if (processed.existsById(new ProcessedMessage.Key(consumer, eventId))) {
            return false;
        }
        entityManager.persist(new ProcessedMessage(consumer, eventId, clock.instant()));
        return true;
    }
}
