package clinic.notification.delivery;

import clinic.notification.NotificationProperties;
import clinic.notification.log.NotificationKind;
import clinic.notification.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due deliveries, safe with any number of instances over one database.
 * <p>
 * A round claims a batch of due rows in a short transaction ({@code FOR UPDATE SKIP LOCKED}, then a lease
 * in {@code claimed_by}/{@code claimed_until}), sends them a few at a time outside any transaction, and
 * records each attempt in a transaction of its own: DELIVERED, or back to PENDING with exponential back-off,
 * or FAILED after the last attempt or a permanent error. A failed clinician alert delivery makes the alert
 * escalate at once; the alert stays open. Should an instance die holding a lease, the lease expires and
 * another instance sends the row: delivery is at least once, and receivers dedupe by the delivery id
 * ({@code X-Clinic-Delivery-Id}, the email's {@code Message-ID}).
 */
@Component
public class DeliveryDispatcher extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final TransactionTemplate transaction;
    private final Map<DeliveryChannel, ChannelSender> senders;
    private final Map<NotificationKind, MessageComposer> composers;
    private final NotificationProperties.Delivery properties;
    private final DeliveryMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String owner = "notification-" + UUID.randomUUID();
    private volatile ExecutorService sending;

    DeliveryDispatcher(DeliveryStore store, TransactionTemplate transaction, List<ChannelSender> senders,
                       List<MessageComposer> composers, NotificationProperties properties, DeliveryMetrics metrics,
                       ApplicationEventPublisher events, Clock clock) {
        super("delivery-dispatcher", properties.delivery().pollInterval());
        this.store = store;
        this.transaction = transaction;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.composers = composers.stream().collect(Collectors.toMap(MessageComposer::kind, Function.identity()));
        this.properties = properties.delivery();
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /** The senders live as long as the worker runs: a stopped context (or a paused test context) can start again. */
    @Override
    public synchronized void start() {
        if (!isRunning()) {
            sending = Executors.newFixedThreadPool(properties.senders(), runnable -> {
                Thread thread = new Thread(runnable, "delivery-sender");
                thread.setDaemon(true);
                return thread;
            });
        }
        super.start();
    }

    /** Claims and sends full batches until nothing is due. */
    @Override
    protected void round() {
        List<DeliveryTask> batch;
        do {
            Instant now = clock.instant();
            batch = transaction.execute(status ->
                    store.claim(owner, now, now.plus(properties.lease()), properties.batchSize()));
            if (batch == null || batch.isEmpty()) {
                return;
            }
            CompletableFuture.allOf(batch.stream()
                    .map(task -> CompletableFuture.runAsync(() -> deliver(task), sending))
                    .toArray(CompletableFuture[]::new)).join();
        } while (batch.size() == properties.batchSize());
    }

    private void deliver(DeliveryTask task) {
        Instant attemptedAt = clock.instant();
        Outcome outcome = Outcome.DELIVERED;
        String errorClass = null;
        try {
            ChannelSender sender = senders.get(task.channel());
            MessageComposer composer = composers.get(task.kind());
            if (sender == null || composer == null) {
                throw DeliveryFailure.permanent("NoSenderOrComposer", null);
            }
            sender.send(task, composer.compose(task));
        } catch (DeliveryFailure failure) {
            outcome = failure.outcome();
            errorClass = failure.errorClass();
        } catch (RuntimeException e) {
            // A bug or an unforeseen library failure: retried, never dropped.
            outcome = Outcome.TRANSIENT_FAILURE;
            errorClass = e.getClass().getName();
        }
        try {
            record(task, attemptedAt, outcome, errorClass);
        } catch (RuntimeException e) {
            log.error("Delivery {} attempt {}: could not record {} ({}); the lease expires and it is tried again",
                    task.deliveryId(), task.attemptNumber(), outcome, e.getClass().getName());
        }
    }

    private void record(DeliveryTask task, Instant attemptedAt, Outcome outcome, String errorClass) {
        Instant now = clock.instant();
        boolean last = outcome == Outcome.PERMANENT_FAILURE || task.attemptNumber() >= properties.maxAttempts();
        Boolean escalate = transaction.execute(status -> {
            store.recordAttempt(task, attemptedAt, outcome, errorClass);
            boolean owned;
            if (outcome == Outcome.DELIVERED) {
                owned = store.markDelivered(task, owner, now);
            } else if (!last) {
                owned = store.reschedule(task, owner, now.plus(properties.backoffAfter(task.attemptNumber())),
                        errorClass);
            } else {
                owned = store.markFailed(task, owner, errorClass);
            }
            if (!owned) {
                // The lease ran out mid-send and another instance has the row: leave it to that one.
                status.setRollbackOnly();
                return false;
            }
            return outcome != Outcome.DELIVERED && last && task.kind() == NotificationKind.CLINICIAN_ALERT
                    && store.escalateNow(task.notificationId(), task.escalationLevel(), now);
        });
        metrics.attempted(task.channel(), outcome);
        log.info("Delivery {} ({} {} level {}) attempt {}: {}{}", task.deliveryId(), task.channel(), task.kind(),
                task.escalationLevel(), task.attemptNumber(), outcome, errorClass == null ? "" : " " + errorClass);
        if (Boolean.TRUE.equals(escalate)) {
            log.warn("Alert {}: delivery {} gave up; escalating now", task.notificationId(), task.deliveryId());
            events.publishEvent(new DeliveryGaveUp(task.notificationId()));
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (sending != null) {
            sending.shutdownNow();
        }
    }
}
