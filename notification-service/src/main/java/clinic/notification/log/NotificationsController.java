package clinic.notification.log;

import clinic.support.audit.AuditMarks;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
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
@Tag(name = "Delivery log", description = "What was sent about a report, to whom, and each attempt")
class NotificationsController {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final NotificationRepository notifications;
    private final ReportLog reportLog;

    NotificationsController(NotificationRepository notifications, ReportLog reportLog) {
        this.notifications = notifications;
        this.reportLog = reportLog;
    }

    @GetMapping
    @Operation(summary = "The delivery log of a report",
            description = "Clinicians and operations read any report's log; a client with notifications:read only "
                    + "those of reports it submitted. Someone else's report answers like one without notifications.")
    @ApiResponse(responseCode = "200", description = "The report's notifications, oldest first (may be empty)")
    @ApiResponse(responseCode = "400", description = "reportId missing or not a UUID",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
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
