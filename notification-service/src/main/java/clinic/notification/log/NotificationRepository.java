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

    @Query("""
            select count(n) from Notification n
            where n.kind = clinic.notification.log.NotificationKind.CLINICIAN_ALERT and n.acknowledgedAt is null""")
    long countOpenAlerts();

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
}
