package clinic.notification.log;

import clinic.support.audit.AuditMarks;
import clinic.support.security.Actor;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The delivery log of one report: its notifications, their deliveries and every attempt. Clinicians and
 * operations read any report's log; a client only the logs of reports it submitted. Someone else's report
 * answers like one without notifications (an empty list), and the audit trail records the refusal.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationsController {

    private final NotificationRepository notifications;
    private final ReportLog reportLog;

    NotificationsController(NotificationRepository notifications, ReportLog reportLog) {
        this.notifications = notifications;
        this.reportLog = reportLog;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<NotificationView> forReport(@RequestParam UUID reportId) {
        List<Notification> rows = notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId);
        Actor reader = Actor.current();
        if (!rows.stream().allMatch(row -> row.readableBy(reader))) {
            AuditMarks.deniedObject();
            return List.of();
        }
        return reportLog.viewsOf(rows);
    }
}
