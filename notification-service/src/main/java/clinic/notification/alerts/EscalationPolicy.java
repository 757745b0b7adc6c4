package clinic.notification.alerts;

import clinic.notification.NotificationProperties;
import clinic.notification.log.Priority;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** How long an alert may stay unacknowledged: {@code clinic.notification.escalation.deadline.*}. */
@Component
class EscalationPolicy {

    private final NotificationProperties.Deadline deadline;

    EscalationPolicy(NotificationProperties properties) {
        this.deadline = properties.escalation().deadline();
    }

    /** EMERGENCY (P1) alerts escalate after the emergency deadline, all others after the urgent-review one. */
    Duration deadline(Priority priority) {
        return priority == Priority.P1 ? deadline.emergency() : deadline.urgentReview();
    }
}
