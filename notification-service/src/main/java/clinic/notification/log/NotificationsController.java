package clinic.notification.log;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The delivery log of one report. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationsController {

    private final NotificationRepository notifications;

    NotificationsController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<NotificationView> forReport(@RequestParam UUID reportId) {
        return notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                .map(NotificationView::of)
                .toList();
    }
}
