package clinic.triage.outbox;

import clinic.events.OutgoingEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** Where domain code puts events: in its own transaction, to be sent by {@link OutboxRelay} after commit. */
@Component
public class Outbox {

    private final OutboxRepository repository;
    private final Clock clock;

    Outbox(OutboxRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutgoingEvent event) {
        repository.save(new OutboxEvent(event, clock.instant()));
    }

    /** Events not yet acknowledged by Kafka. */
    @Transactional(readOnly = true)
    public long pending() {
        return repository.countBySentAtIsNull();
    }

    /** Every event stored for one message key (a report id), oldest first. */
    @Transactional(readOnly = true)
    public List<OutboxEntry> entriesFor(String key) {
        return repository.findByMessageKeyOrderByCreatedAtAsc(key).stream()
                .map(e -> new OutboxEntry(e.getId(), e.topic(), e.messageKey(), e.eventType(), e.payload(),
                        e.sentAt()))
                .toList();
    }
}
