package clinic.intake.decision;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Marks an event as handled by a consumer; written in the handler's transaction. */
@Entity
@Table(name = "processed_message")
class ProcessedMessage implements Persistable<ProcessedMessage.Key> {

    @EmbeddedId
    private Key key;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    @Transient
    private boolean isNew;

    protected ProcessedMessage() {
    }

    ProcessedMessage(String consumer, UUID eventId, Instant processedAt) {
        this.key = new Key(consumer, eventId);
        this.processedAt = processedAt;
        this.isNew = true;
    }

    @Override
    public Key getId() {
        return key;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @Embeddable
    static class Key implements Serializable {

        @Column(name = "consumer", nullable = false, length = 100)
        private String consumer;

        @Column(name = "event_id", nullable = false)
        private UUID eventId;

        protected Key() {
        }

        Key(String consumer, UUID eventId) {
            this.consumer = consumer;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && consumer.equals(key.consumer) && eventId.equals(key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, eventId);
        }
    }
}
