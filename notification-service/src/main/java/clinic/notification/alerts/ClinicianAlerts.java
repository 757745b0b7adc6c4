package clinic.notification.alerts;

import clinic.events.IncomingEvent;
import clinic.events.ReportSubmittedAt;
import clinic.events.SubmittedBy;
import clinic.support.security.Owner;
import clinic.events.triage.UrgentReviewRequested;
import clinic.notification.delivery.Deliveries;
import clinic.notification.delivery.Recipient;
import clinic.support.inbox.Inbox;
import clinic.notification.log.Channel;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationLog;
import clinic.notification.log.PipelineLatency;
import clinic.notification.log.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;


/**
 * Raises a clinician alert for an urgent-review request (P1 for EMERGENCY, P2 for URGENT_REVIEW). In one
 * transaction with the event's processed-message row: the alert with its escalation deadline, its
 * deliveries to the on-call clinicians and a feed row for the dashboard. A redelivered event adds nothing.
 */
@Service
class ClinicianAlerts {

    private static final Logger log = LoggerFactory.getLogger(ClinicianAlerts.class);

    private final Inbox inbox;
    private final NotificationLog notifications;
    private final Deliveries deliveries;
    private final AlertFeed feed;
    private final EscalationPolicy escalation;
    private final PipelineLatency latency;
    private final JsonMapper json;

    ClinicianAlerts(Inbox inbox, NotificationLog notifications, Deliveries deliveries, AlertFeed feed,
                    EscalationPolicy escalation, JsonMapper json, PipelineLatency latency) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.feed = feed;
        this.escalation = escalation;
        this.json = json;
        this.latency = latency;
    }

    @Transactional
    public void raise(IncomingEvent<UrgentReviewRequested> event) {
        if (!inbox.firstDelivery(UrgentReviewListener.ID, event.id())) {
            log.info("Urgent review event {} was handled already", event.id());
            return;
        }
        UrgentReviewRequested review = event.data();
        Priority priority = Priority.of(review.disposition());
        notifications.record(new NotificationLog.Request(review.reportId(), NotificationKind.CLINICIAN_ALERT,
                        Channel.CLINICIAN_DASHBOARD, priority, json.writeValueAsString(AlertContent.of(review)),
                        event.id(), Owner.of(SubmittedBy.of(event)), escalation.deadline(priority)))
                .ifPresent(alert -> {
                    deliveries.schedule(alert.id(), Recipient.CLINICIAN, 0);
                    feed.append(alert.id(), FeedEvent.ALERT_RAISED);
                    ReportSubmittedAt.of(event).ifPresent(submittedAt ->
                            latency.firstNotification(PipelineLatency.Path.URGENT, submittedAt));
                });
    }
}
