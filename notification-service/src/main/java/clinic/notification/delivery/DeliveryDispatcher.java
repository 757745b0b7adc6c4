package clinic.notification.delivery;

import clinic.notification.NotificationProperties;
import clinic.notification.log.NotificationKind;
import clinic.support.tracing.TraceContexts;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due deliveries, safe with any number of instances over one database.
 * <p>
 * Two {@link DeliveryLane lanes}, each with a claiming thread and sender threads of its own: the URGENT lane
 * takes the deliveries to clinicians and to the escalation contact (clinician alerts and their escalations), the
 * ROUTINE lane everything else (patient email). Routine volume, however large its backlog, can therefore never
 * delay an alert: the urgent lane's claim query never sees routine rows. Each lane claims a batch of due rows in
 * a short transaction ({@code FOR UPDATE SKIP LOCKED}, then a lease in {@code claimed_by}/{@code claimed_until}),
 * sends them outside any transaction (email: one SMTP connection per sender thread), and records the batch's
 * attempts in one transaction ({@link DeliveryRecorder}): DELIVERED, or back to PENDING with exponential
 * back-off, or FAILED after the last attempt or a permanent error. A failed clinician alert delivery makes the
 * alert escalate at once; the alert stays open. Should an instance die holding a lease, the lease expires and
 * another instance sends the row: delivery is at least once, and receivers dedupe by the delivery id
 * ({@code X-Clinic-Delivery-Id}, the email's {@code Message-ID}).
 */
@Component
public class DeliveryDispatcher implements SmartLifecycle {

    /** Whom the urgent lane serves: the recipients of clinician alerts (level 0) and of their escalations. */
    static final Set<Recipient> URGENT = EnumSet.of(Recipient.CLINICIAN, Recipient.ESCALATION);

    private final DeliveryLane urgent;
    private final DeliveryLane routine;

    DeliveryDispatcher(DeliveryStore store, TransactionTemplate transaction, List<ChannelSender> senders,
                       List<MessageComposer> composers, DeliveryRecorder recorder, NotificationProperties properties,
                       Clock clock, TraceContexts traces) {
        NotificationProperties.Delivery delivery = properties.delivery();
        Map<DeliveryChannel, ChannelSender> byChannel =
                senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        Map<NotificationKind, MessageComposer> byKind =
                composers.stream().collect(Collectors.toMap(MessageComposer::kind, Function.identity()));
        // One owner for both lanes: they claim disjoint rows, and a lease belongs to the instance.
        DeliveryLane.Context context = new DeliveryLane.Context(store, transaction, byChannel, byKind, recorder,
                delivery.lease(), clock, "notification-" + UUID.randomUUID(), traces);
        this.urgent = new DeliveryLane("delivery-urgent", URGENT, delivery.urgentBatchSize(), delivery.senders(),
                delivery.pollInterval(), context);
        this.routine = new DeliveryLane("delivery-routine", EnumSet.complementOf(EnumSet.copyOf(URGENT)),
                delivery.batchSize(), delivery.senders(), delivery.pollInterval(), context);
    }

    /** Nudges the lane of this recipient once the current transaction commits (once per transaction and lane). */
    void nudgeAfterCommit(Recipient recipient) {
        (URGENT.contains(recipient) ? urgent : routine).nudgeAfterCommit();
    }

    @Override
    public synchronized void start() {
        urgent.start();
        routine.start();
    }

    @Override
    public synchronized void stop() {
        urgent.stop();
        routine.stop();
    }

    @Override
    public boolean isRunning() {
        return urgent.isRunning() || routine.isRunning();
    }

    /** The lanes' own phase (PollingWorker's): they stop before the web server and the listeners. */
    @Override
    public int getPhase() {
        return urgent.getPhase();
    }
}
