package clinic.notification.alerts;

import clinic.notification.log.Notification;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The clinicians' work queue of open alerts, and their acknowledgement. */
@Service
public class AlertQueue {

    private static final Logger log = LoggerFactory.getLogger(AlertQueue.class);

    private final NotificationRepository notifications;
    private final AlertFeed feed;
    private final AlertMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final String triageBaseUrl;

    AlertQueue(NotificationRepository notifications, AlertFeed feed, AlertMetrics metrics, JsonMapper json,
               Clock clock,
               @Value("${clinic.links.triage-base-url:http://localhost:8082}") String triageBaseUrl) {
        this.notifications = notifications;
        this.feed = feed;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.triageBaseUrl = triageBaseUrl.replaceAll("/+$", "");
    }

    /** Open alerts, most urgent first, then oldest first. */
    @Transactional(readOnly = true)
    public List<AlertView> open() {
        return notifications.findOpenAlerts().stream().map(this::view).toList();
    }

    /** Any alert, open or not, as the queue would show it. */
    @Transactional(readOnly = true)
    public Optional<AlertView> find(UUID alertId) {
        return notifications.findByIdAndKind(alertId, NotificationKind.CLINICIAN_ALERT).map(this::view);
    }

    /** The clinician alert of a report, open or not; empty for a report that raised none. */
    @Transactional(readOnly = true)
    public Optional<AlertView> forReport(UUID reportId) {
        return notifications.findByReportIdOrderByCreatedAtAscIdAsc(reportId).stream()
                .filter(row -> row.kind() == NotificationKind.CLINICIAN_ALERT).findFirst().map(this::view);
    }

    /**
     * Closes the alert, which stops its escalation; acknowledging a closed alert changes nothing and returns
     * the first acknowledgement. Only the first writes a feed row.
     */
    @Transactional
    public AlertView acknowledge(UUID alertId, String acknowledgedBy) {
        Instant now = clock.instant();
        boolean first = notifications.acknowledgeIfOpen(alertId, acknowledgedBy, now) == 1;
        if (first) {
            feed.append(alertId, FeedEvent.ALERT_ACKNOWLEDGED);
            int cancelled = notifications.cancelPendingEscalations(alertId);
            log.info("Alert {} acknowledged; {} pending escalation deliveries cancelled", alertId, cancelled);
        }
        Notification alert = notifications.findByIdAndKind(alertId, NotificationKind.CLINICIAN_ALERT)
                .orElseThrow(() -> new AlertNotFoundException(alertId));
        if (first) {
            metrics.acknowledged(alert.priority(), Duration.between(alert.createdAt(), now));
        }
        return view(alert);
    }

    private AlertView view(Notification alert) {
        AlertContent content = json.readValue(alert.content(), AlertContent.class);
        AlertView.Status status = alert.acknowledgedAt() == null ? AlertView.Status.OPEN : AlertView.Status.ACKNOWLEDGED;
        return new AlertView(alert.id(), alert.reportId(), content.disposition(), alert.priority(),
                content.redFlags(), content.reasons(), reportLink(alert.reportId()), alert.createdAt(), status,
                alert.acknowledgedBy(), alert.acknowledgedAt(), alert.escalationLevel(), alert.escalatedAt(),
                alert.nextEscalationAt());
    }

    URI reportLink(UUID reportId) {
        return URI.create(triageBaseUrl + "/api/v1/triage-decisions/" + reportId);
    }
}
