package clinic.notification.log;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery-log entry as the API shows it: the notification (its content is not listed) and how it was
 * delivered, attempt by attempt.
 */
public record NotificationView(UUID notificationId, UUID reportId, NotificationKind kind, Channel channel,
                               Priority priority, DeliveryStatus status, Instant createdAt, Instant deliveredAt,
                               List<DeliveryHistory.DeliveryView> deliveries) {

    static NotificationView of(Notification n, List<DeliveryHistory.DeliveryView> deliveries) {
        return new NotificationView(n.id(), n.reportId(), n.kind(), n.channel(), n.priority(), n.status(),
                n.createdAt(), n.deliveredAt(), deliveries);
    }
}
