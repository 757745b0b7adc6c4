package clinic.notification.log;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    boolean existsByReportIdAndKindAndChannel(UUID reportId, NotificationKind kind, Channel channel);

    List<Notification> findByReportIdOrderByCreatedAtAscIdAsc(UUID reportId);

    Optional<Notification> findByIdAndKind(UUID id, NotificationKind kind);

    /** Open alerts: most urgent first, then oldest first. */
    @Query("""
            select n from Notification n
            where n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT and n.acknowledgedAt is null
            order by n.priority asc, n.createdAt asc, n.id asc""")
    List<Notification> findOpenAlerts();

    /** Routine review items not yet closed by a clinician, oldest first (at most {@code page}'s size). */
    @Query("""
            select n from Notification n
            where n.kind = clinic.notification.log.NotificationKind.ROUTINE_REVIEW_ITEM and n.acknowledgedAt is null
            order by n.createdAt asc, n.id asc""")
    List<Notification> findOpenRoutineItems(org.springframework.data.domain.Pageable page);

    /** Closes the routine review item of a report, once: it leaves the routine queue. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Notification n set n.acknowledgedBy = :by, n.acknowledgedAt = :at
            where n.reportId = :reportId and n.kind = clinic.notification.log.NotificationKind.ROUTINE_REVIEW_ITEM
            and n.acknowledgedAt is null""")
    int closeRoutineItem(UUID reportId, String by, Instant at);

    @Query("""
            select count(n) from Notification n
            where n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT and n.acknowledgedAt is null""")
    long countOpenAlerts();

    @Query("""
            select count(n) from Notification n
            where n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT and n.acknowledgedAt is null
            and n.priority = :priority""")
    long countOpenAlerts(Priority priority);

    /** Open alerts of this priority raised before {@code raisedBefore}: past their acknowledgement deadline. */
    @Query("""
            select count(n) from Notification n
            where n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT and n.acknowledgedAt is null
            and n.priority = :priority and n.createdAt < :raisedBefore""")
    long countOverdueAlerts(Priority priority, Instant raisedBefore);

    /** Open alerts of this priority that have been escalated at least once. */
    @Query("""
            select count(n) from Notification n
            where n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT and n.acknowledgedAt is null
            and n.priority = :priority and n.escalationLevel > 0""")
    long countEscalatedAlerts(Priority priority);

    /**
     * Acknowledges an open alert and clears its escalation deadline; an alert acknowledged already keeps
     * its first acknowledgement.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Notification n set n.acknowledgedBy = :by, n.acknowledgedAt = :at, n.nextEscalationAt = null
            where n.id = :id and n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT
            and n.acknowledgedAt is null""")
    int acknowledgeIfOpen(UUID id, String by, Instant at);

    /**
     * Cancels the alert's escalation deliveries that have not gone out yet: once a clinician has the alert,
     * telling the escalation contact that nobody does would be false. A send already in flight finishes, but
     * cannot be marked delivered (it is no longer PENDING).
     */
    @Modifying(flushAutomatically = true)
    @Query(value = """
            update delivery set status = 'CANCELLED', claimed_by = null, claimed_until = null
            where notification_id = :alertId and recipient = 'ESCALATION' and status = 'PENDING'""",
            nativeQuery = true)
    int cancelPendingEscalations(UUID alertId);
}
