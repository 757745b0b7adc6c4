package clinic.triage.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.springframework.data.domain.Persistable;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A consumed event, keyed by (consumer, event id): its row makes a redelivery a no-op. */
@Entity
@Table(name = "processed_message")
@IdClass(ProcessedMessage.Key.class)
class ProcessedMessage implements Persistable<ProcessedMessage.Key> {

    record Key(String consumer, UUID eventId) implements Serializable {
    }

    @Id
    @Column(name = "consumer", nullable = false, length = 100)
    private String consumer;

    @Id
    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    protected ProcessedMessage() {
    }

    ProcessedMessage(String consumer, UUID eventId, Instant processedAt) {
        this.consumer = consumer;
        this.eventId = eventId;
        this.processedAt = processedAt;
    }

    @Override
    public Key getId() {
        return new Key(consumer, eventId);
    }

    /** Always inserted, never updated: a duplicate key fails the transaction instead of merging. */
    @Override
    public boolean isNew() {
        return true;
    }
}
