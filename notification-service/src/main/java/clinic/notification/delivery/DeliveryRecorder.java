package clinic.notification.delivery;

import clinic.notification.NotificationProperties;
import clinic.notification.log.NotificationKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records the attempts of a sent batch: DELIVERED, or back to PENDING with exponential back-off, or FAILED after
 * the last attempt or a permanent error; a clinician alert whose delivery gave up is made due to escalate at once.
 * <p>
 * All attempts of a batch go into ONE transaction: on the embedded H2 file database every commit rewrites B-tree
 * pages, so a commit per delivery was the dispatcher's main cost. Each row is still checked on its own: a row
 * whose lease ran out and was taken over by another instance is left to that instance, and its attempt is not
 * recorded. Should the batch's transaction fail (one bad row, a deadlock), every attempt is recorded again in a
 * transaction of its own, so one row cannot lose the others' outcomes; a row that fails alone too keeps its lease
 * until it expires and is then tried again.
 */
@Component
class DeliveryRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

    private enum Recorded { RECORDED, ESCALATE, LEASE_LOST, NOT_RECORDED }

    private final DeliveryStore store;
    private final TransactionTemplate transaction;
    private final NotificationProperties.Delivery properties;
    private final DeliveryMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeliveryRecorder(DeliveryStore store, TransactionTemplate transaction, NotificationProperties properties,
                     DeliveryMetrics metrics, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.transaction = transaction;
        this.properties = properties.delivery();
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /** Records the attempts of rows claimed by {@code owner}; metrics, logs and escalations follow the commit. */
    void record(String owner, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Recorded> recorded;
        try {
            recorded = transaction.execute(status -> attempts.stream().map(a -> apply(owner, a, now)).toList());
        } catch (RuntimeException e) {
            log.warn("Recording {} delivery attempts in one transaction failed ({}); recording them one at a time",
                    attempts.size(), e.getClass().getName());
            recorded = attempts.stream().map(attempt -> alone(owner, attempt, now)).toList();
        }
        for (int i = 0; i < attempts.size(); i++) {
            report(attempts.get(i), recorded.get(i));
        }
    }

    private Recorded alone(String owner, Attempt attempt, Instant now) {
        try {
            return transaction.execute(status -> apply(owner, attempt, now));
        } catch (RuntimeException e) {
            log.error("Delivery {} attempt {}: could not record {} ({}); the lease expires and it is tried again",
                    attempt.task().deliveryId(), attempt.task().attemptNumber(), attempt.outcome(),
                    e.getClass().getName());
            return Recorded.NOT_RECORDED;
        }
    }

    /** In the caller's transaction. The row's ownership is checked first: nothing is written for a lost lease. */
    private Recorded apply(String owner, Attempt attempt, Instant now) {
        DeliveryTask task = attempt.task();
        Outcome outcome = attempt.outcome();
        boolean last = outcome == Outcome.PERMANENT_FAILURE || task.attemptNumber() >= properties.maxAttempts();
        boolean owned;
        if (outcome == Outcome.DELIVERED) {
            owned = store.markDelivered(task, owner, now);
        } else if (!last) {
            owned = store.reschedule(task, owner, now.plus(properties.backoffAfter(task.attemptNumber())),
                    attempt.errorClass());
        } else {
            owned = store.markFailed(task, owner, attempt.errorClass());
        }
        if (!owned) {
            // The lease ran out mid-send and another instance has the row: leave it to that one.
            return Recorded.LEASE_LOST;
        }
        store.recordAttempt(task, attempt.attemptedAt(), outcome, attempt.errorClass());
        boolean escalate = outcome != Outcome.DELIVERED && last && task.kind() == NotificationKind.CLINICIAN_ALERT
                && store.escalateNow(task.notificationId(), task.escalationLevel(), now);
        return escalate ? Recorded.ESCALATE : Recorded.RECORDED;
    }

    private void report(Attempt attempt, Recorded recorded) {
        if (recorded == Recorded.NOT_RECORDED) {
            return;
        }
        DeliveryTask task = attempt.task();
        metrics.attempted(task.channel(), attempt.outcome());
        if (attempt.outcome() == Outcome.DELIVERED && recorded != Recorded.LEASE_LOST) {
            metrics.deliveredOnce(task.channel(), task.kind());
        }
        log.info("Delivery {} ({} {} level {}) attempt {}: {}{}{}", task.deliveryId(), task.channel(), task.kind(),
                task.escalationLevel(), task.attemptNumber(), attempt.outcome(),
                attempt.errorClass() == null ? "" : " " + attempt.errorClass(),
                recorded == Recorded.LEASE_LOST ? " (lease taken over by another instance; not recorded here)" : "");
        if (recorded == Recorded.ESCALATE) {
            log.warn("Alert {}: delivery {} gave up; escalating now", task.notificationId(), task.deliveryId());
            events.publishEvent(new DeliveryGaveUp(task.notificationId()));
        }
    }
}
