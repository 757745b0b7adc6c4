package clinic.notification.log;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the deliveries of notifications with all their attempts, for the delivery log API. */
@Component
class DeliveryHistory {

    /** One delivery: channel, escalation level, status and every attempt, oldest first. */
    public record DeliveryView(String channel, int escalationLevel, DeliveryStatus status,
                               List<AttemptView> attempts) {
    }

    /** One attempt: its number, when, how it ended and the error class (never a message or an address). */
    public record AttemptView(int attemptNumber, Instant attemptedAt, String outcome, String errorClass) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    DeliveryHistory(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Deliveries by notification id, in escalation-level then channel order. */
    Map<UUID, List<DeliveryView>> of(Collection<UUID> notificationIds) {
        if (notificationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<DeliveryView>> byNotification = new LinkedHashMap<>();
        Map<UUID, List<AttemptView>> attemptsByDelivery = new LinkedHashMap<>();
        jdbc.query("""
                select d.delivery_id, d.notification_id, d.channel, d.escalation_level, d.status,
                       a.attempt_number, a.attempted_at, a.outcome, a.error_class
                from delivery d left join delivery_attempt a on a.delivery_id = d.delivery_id
                where d.notification_id in (:ids)
                order by d.escalation_level, d.channel, d.delivery_id, a.attempt_number""",
                Map.of("ids", notificationIds), rs -> {
                    UUID deliveryId = rs.getObject("delivery_id", UUID.class);
                    List<AttemptView> attempts = attemptsByDelivery.get(deliveryId);
                    if (attempts == null) {
                        attempts = new ArrayList<>();
                        attemptsByDelivery.put(deliveryId, attempts);
                        byNotification.computeIfAbsent(rs.getObject("notification_id", UUID.class),
                                id -> new ArrayList<>()).add(new DeliveryView(rs.getString("channel"),
                                rs.getInt("escalation_level"), DeliveryStatus.valueOf(rs.getString("status")),
                                attempts));
                    }
                    OffsetDateTime attemptedAt = rs.getObject("attempted_at", OffsetDateTime.class);
                    if (attemptedAt != null) {
                        attempts.add(new AttemptView(rs.getInt("attempt_number"), attemptedAt.toInstant(),
                                rs.getString("outcome"), rs.getString("error_class")));
                    }
                });
        return byNotification;
    }
}
