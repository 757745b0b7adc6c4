package clinic.notification.log;

import java.time.Instant;
import java.util.UUID;

/** A delivery-log entry as the API shows it (the content itself is not listed). */
record NotificationView(UUID notificationId, UUID reportId, NotificationKind kind, Channel channel,
                        Priority priority, DeliveryStatus status, Instant createdAt, Instant deliveredAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.reportId(), n.kind(), n.channel(), n.priority(), n.status(),
                n.createdAt(), n.deliveredAt());
    }
}
