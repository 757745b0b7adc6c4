package clinic.notification.log;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A report's notifications with their deliveries and every attempt: the delivery log, for staff. */
@Service
public class ReportLog {

    private final NotificationRepository notifications;
    private final DeliveryHistory deliveries;

    ReportLog(NotificationRepository notifications, DeliveryHistory deliveries) {
        this.notifications = notifications;
        this.deliveries = deliveries;
    }

    /** Every notification of the report, oldest first; for clinicians (no owner check). */
    @Transactional(readOnly = true)
    public List<NotificationView> of(UUID reportId) {
        return viewsOf(notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId));
    }

    List<NotificationView> viewsOf(List<Notification> rows) {
        Map<UUID, List<DeliveryHistory.DeliveryView>> history = deliveries.of(rows.stream().map(Notification::id)
                .toList());
        return rows.stream().map(n -> NotificationView.of(n, history.getOrDefault(n.id(), List.of()))).toList();
    }
}
