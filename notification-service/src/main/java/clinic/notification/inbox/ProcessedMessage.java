package clinic.notification.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** An event a consumer has handled; its key makes a redelivery of the same event id a no-op. */
@Entity
@Table(name = "processed_message")
@IdClass(ProcessedMessage.Key.class)
class ProcessedMessage {

    @Id
    @Column(name = "consumer", nullable = false)
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

    /** The primary key: consumer name and CloudEvents id. */
    record Key(String consumer, UUID eventId) implements Serializable {
    }
}
