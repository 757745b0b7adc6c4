package clinic.intake.outbox;

import clinic.events.OutgoingEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An encoded event waiting to be (or already) published. Its id is the event's {@code ce_id}. Mapped for
 * inserting only; the relay's claim columns ({@code claimed_by}, {@code claimed_until}) and {@code sent_at}
 * are written by {@link OutboxStore}.
 */
@Entity
@Table(name = "outbox_event")
class OutboxEvent implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "topic", nullable = false)
    private String topic;

    @Column(name = "message_key", nullable = false)
    private String messageKey;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "source", nullable = false)
    private String source;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "data_schema", nullable = false)
    private String dataSchema;

    /** The JSON payload as UTF-8 text (readable when debugging the outbox). */
    @Column(name = "payload", nullable = false, length = 10000)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Transient
    private boolean isNew;

    protected OutboxEvent() {
    }

    OutboxEvent(OutgoingEvent event, Instant createdAt) {
        this.id = event.id();
        this.topic = event.topic();
        this.messageKey = event.key();
        this.eventType = event.type();
        this.source = event.source();
        this.occurredAt = event.time();
        this.dataSchema = event.dataSchema();
        this.payload = new String(event.payload(), StandardCharsets.UTF_8);
        this.createdAt = createdAt;
        this.isNew = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        this.isNew = false;
    }
}
