package clinic.notification.alerts;

import clinic.events.IncomingEvent;
import clinic.events.triage.UrgentReviewRequested;
import clinic.notification.inbox.Inbox;
import clinic.notification.log.Channel;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.NotificationLog;
import clinic.notification.log.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Records a clinician alert for an urgent-review request: P1 for EMERGENCY, P2 for URGENT_REVIEW. */
@Service
class ClinicianAlerts {

    private static final Logger log = LoggerFactory.getLogger(ClinicianAlerts.class);

    private final Inbox inbox;
    private final NotificationLog notifications;
    private final JsonMapper json;

    ClinicianAlerts(Inbox inbox, NotificationLog notifications, JsonMapper json) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.json = json;
    }

    @Transactional
    public void raise(IncomingEvent<UrgentReviewRequested> event) {
        if (!inbox.claim(UrgentReviewListener.ID, event.id())) {
            log.info("Urgent review event {} was handled already", event.id());
            return;
        }
        UrgentReviewRequested review = event.data();
        notifications.record(new NotificationLog.Request(review.reportId(), NotificationKind.CLINICIAN_ALERT,
                Channel.CLINICIAN_DASHBOARD, Priority.of(review.disposition()),
                json.writeValueAsString(AlertContent.of(review)), event.id()));
    }
}
