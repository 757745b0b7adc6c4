package clinic.triage.outbox;

import clinic.events.OutgoingEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.domain.Persistable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** An event written in the same transaction as the decision it announces, sent later by the relay. */
@Entity
@Table(name = "outbox_event")
class OutboxEvent implements Persistable<UUID> {

    /** The CloudEvents {@code ce_id}, so a resend carries the same id and consumers can deduplicate. */
    @Id
    @Column(name = "id", nullable = false)
    private UUID id;

    @Column(name = "topic", nullable = false, length = 249)
    private String topic;

    @Column(name = "message_key", nullable = false, length = 100)
    private String messageKey;

    @Column(name = "event_type", nullable = false, length = 200)
    private String eventType;

    @Column(name = "source", nullable = false, length = 200)
    private String source;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "data_schema", nullable = false, length = 300)
    private String dataSchema;

    @Column(name = "payload", nullable = false, columnDefinition = "text")
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

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
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** Rows are inserted once; {@code sent_at} and the relay's claim columns are updated by {@link OutboxStore}. */
    @Override
    public boolean isNew() {
        return true;
    }

    String topic() {
        return topic;
    }

    String messageKey() {
        return messageKey;
    }

    String eventType() {
        return eventType;
    }

    String payload() {
        return payload;
    }

    Instant sentAt() {
        return sentAt;
    }
}
