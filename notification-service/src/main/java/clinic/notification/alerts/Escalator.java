package clinic.notification.alerts;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.Deliveries;
import clinic.notification.delivery.DeliveryGaveUp;
import clinic.notification.delivery.Recipient;
import clinic.support.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Escalates open alerts whose deadline has passed, safe with several instances: each escalation is a
 * conditional update on (alert, level, still open), so exactly one instance wins it. The winner, in the
 * same transaction, schedules the deliveries to the escalation contact, bumps the level, sets the next
 * deadline and writes a feed row. This repeats every deadline until someone acknowledges the alert.
 * An alert whose delivery gave up after its last retry was made due at once and is taken on a nudge.
 */
@Component
class Escalator extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);
    private static final int BATCH = 50;

    private final EscalationStore store;
    private final EscalationPolicy policy;
    private final Deliveries deliveries;
    private final AlertFeed feed;
    private final AlertMetrics metrics;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Escalator(EscalationStore store, EscalationPolicy policy, Deliveries deliveries, AlertFeed feed,
              AlertMetrics metrics, TransactionTemplate transaction, Clock clock, NotificationProperties properties) {
        super("alert-escalator", properties.escalation().pollInterval());
        this.store = store;
        this.policy = policy;
        this.deliveries = deliveries;
        this.feed = feed;
        this.metrics = metrics;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener
    void on(DeliveryGaveUp event) {
        nudge();
    }

    @Override
    protected void round() {
        List<EscalationStore.DueAlert> due;
        do {
            Instant now = clock.instant();
            due = store.due(now, BATCH);
            due.forEach(alert -> escalate(alert, now));
        } while (due.size() == BATCH);
    }

    private void escalate(EscalationStore.DueAlert alert, Instant now) {
        Boolean won = transaction.execute(status -> {
            if (!store.escalate(alert, now, now.plus(policy.deadline(alert.priority())))) {
                return false; // acknowledged meanwhile, or another instance escalated it first
            }
            deliveries.schedule(alert.alertId(), Recipient.ESCALATION, alert.level() + 1);
            feed.append(alert.alertId(), FeedEvent.ALERT_ESCALATED);
            return true;
        });
        if (Boolean.TRUE.equals(won)) {
            metrics.escalated(alert.priority());
            log.warn("Alert {} ({}) not acknowledged: escalated to level {}", alert.alertId(), alert.priority(),
                    alert.level() + 1);
        }
    }
}
