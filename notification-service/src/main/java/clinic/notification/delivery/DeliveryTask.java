package clinic.notification.delivery;

import clinic.notification.log.NotificationKind;
import clinic.notification.log.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed delivery with what composing and sending it needs: the notification's kind, priority and
 * JSON content (no patient identity), the channel, the recipient role and the escalation level.
 * {@code attemptNumber} is the number this attempt gets in the delivery log (1 for the first). {@code traceParent}
 * is the trace the delivery was created in (null if none), which sending it continues.
 */
public record DeliveryTask(UUID deliveryId, UUID notificationId, UUID reportId, NotificationKind kind,
                           Priority priority, String content, Instant notifiedAt, DeliveryChannel channel,
                           Recipient recipient, int escalationLevel, int attemptNumber,
                           String traceParent) {
}
