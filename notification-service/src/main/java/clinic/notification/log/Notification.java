package clinic.notification.log;

import clinic.support.security.Actor;
import clinic.support.security.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * What is notified: a clinician alert, a patient notice or a routine-review item. {@code content} is the
 * JSON document the messages are composed from; it never holds the patient's identity (the events this
 * service reads carry none). How it is delivered (channel, recipient, escalation level, attempts) lives in
 * the {@code delivery} rows of {@code clinic.notification.delivery}. {@code status} sums them up: DELIVERED
 * once any delivery went out, FAILED once all of them gave up, PENDING otherwise (and for items that only
 * wait in the dashboard queue).
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    @Column(name = "notification_id")
    private UUID id;

    @Column(name = "report_id", nullable = false)
    private UUID reportId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false)
    private NotificationKind kind;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false)
    private Priority priority;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false)
    private DeliveryStatus status;

    @Column(nullable = false)
    private String content;

    @Column(name = "source_event_id", nullable = false)
    private UUID sourceEventId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "escalation_level", nullable = false)
    private int escalationLevel;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Column(name = "next_escalation_at")
    private Instant nextEscalationAt;

    /** PERSON or CLIENT, as the triage event named the report's submitter; null when it named none. */
    @Column(name = "owner_kind", length = 10)
    private String ownerKind;

    /** The submitting client's id; null for a person (events carry no person's id) or an unnamed submitter. */
    @Column(name = "owner_id", length = 200)
    private String ownerId;

    protected Notification() {
    }

    /** A new, not yet delivered notification. */
    public Notification(UUID reportId, NotificationKind kind, Channel channel, Priority priority, String content,
                        UUID sourceEventId, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.reportId = reportId;
        this.kind = kind;
        this.channel = channel;
        this.priority = priority;
        this.status = DeliveryStatus.PENDING;
        this.content = content;
        this.sourceEventId = sourceEventId;
        this.createdAt = createdAt;
        this.attempts = 0;
        this.escalationLevel = 0;
    }

    /** Sets the deadline of a new alert: unacknowledged by then, it escalates. */
    public Notification escalatingAt(Instant deadline) {
        this.nextEscalationAt = deadline;
        return this;
    }

    /** Records who the report belongs to (null: nobody named, staff only). */
    public Notification ownedBy(Owner owner) {
        this.ownerKind = owner == null ? null : owner.kind().name();
        this.ownerId = owner == null ? null : owner.id();
        return this;
    }

    /** Clinicians and operations read every report's log; a client only those of reports it submitted. */
    public boolean readableBy(Actor reader) {
        return Owner.mayRead(Owner.stored(ownerKind, ownerId), reader, "CLINICIAN", "OPS");
    }

    public UUID id() {
        return id;
    }

    public UUID reportId() {
        return reportId;
    }

    public NotificationKind kind() {
        return kind;
    }

    public Channel channel() {
        return channel;
    }

    public Priority priority() {
        return priority;
    }

    public DeliveryStatus status() {
        return status;
    }

    public String content() {
        return content;
    }

    public UUID sourceEventId() {
        return sourceEventId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public int attempts() {
        return attempts;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    /** 0 until the alert first escalates; bumped by one at each escalation. */
    public int escalationLevel() {
        return escalationLevel;
    }

    public Instant escalatedAt() {
        return escalatedAt;
    }

    public Instant nextEscalationAt() {
        return nextEscalationAt;
    }
}
