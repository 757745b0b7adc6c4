package clinic.notification.alerts;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import clinic.notification.delivery.MessageComposer;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.Priority;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The clinician alert as email and webhook: disposition, priority, red flags, the fired rules' reasons,
 * the link to the triage decision, the alert id and the escalation level. Nothing identifies the patient:
 * the alert content carries no name or address, and none is added here.
 */
@Component
class AlertMessages implements MessageComposer {

    static final String TEMPLATE = "clinician-alert";

    /** The webhook's JSON body. */
    record WebhookBody(String type, UUID deliveryId, UUID alertId, UUID reportId, int escalationLevel,
                       Disposition disposition, Priority priority, List<RedFlag> redFlags, List<FiredRule> reasons,
                       URI reportLink, Instant raisedAt) {
    }

    private final AlertQueue queue;
    private final JsonMapper json;

    AlertMessages(AlertQueue queue, JsonMapper json) {
        this.queue = queue;
        this.json = json;
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.CLINICIAN_ALERT;
    }

    @Override
    public Message compose(DeliveryTask task) {
        AlertContent content = json.readValue(task.content(), AlertContent.class);
        URI link = queue.reportLink(task.reportId());
        String subject = (task.escalationLevel() > 0 ? "ESCALATED (level " + task.escalationLevel()
                + ", not acknowledged): " : "") + "[" + task.priority() + " " + content.disposition()
                + "] Heel-pain report needs a clinician's review";
        Map<String, Object> model = Map.of(
                "alertId", task.notificationId(),
                "reportId", task.reportId(),
                "disposition", content.disposition().name(),
                "priority", task.priority().name(),
                "redFlags", content.redFlags().stream().map(Enum::name).toList(),
                "reasons", content.reasons().stream().map(AlertMessages::reason).toList(),
                "reportLink", link.toString(),
                "escalationLevel", task.escalationLevel(),
                "raisedAt", task.notifiedAt().toString());
        WebhookBody body = new WebhookBody(task.escalationLevel() > 0 ? "alert.escalated" : "alert.raised",
                task.deliveryId(), task.notificationId(), task.reportId(), task.escalationLevel(),
                content.disposition(), task.priority(), content.redFlags(), content.reasons(), link,
                task.notifiedAt());
        return new Message(subject, TEMPLATE, model, body);
    }

    /** Templates read maps: the expression language does not know record accessors. */
    private static Map<String, Object> reason(FiredRule rule) {
        return Map.of("ruleId", rule.ruleId(), "disposition", rule.disposition().name(),
                "because", rule.because(), "source", rule.source() == null ? "" : rule.source());
    }
}
