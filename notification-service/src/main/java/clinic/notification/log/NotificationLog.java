package clinic.notification.log;

import clinic.support.security.Owner;
import io.micrometer.core.instrument.Counter;
import clinic.support.security.Owner;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records notifications in the delivery log, at most one per report, kind and channel (the table's
 * unique key backs this up), and counts what was recorded by kind and channel.
 */
@Service
public class NotificationLog {

    static final String RECORDED_METRIC = "clinic.notifications.recorded";

    private static final Logger log = LoggerFactory.getLogger(NotificationLog.class);

    private final NotificationRepository notifications;
    private final MeterRegistry meters;
    private final Clock clock;

    /** The kind and channel pairs recorded today: counted from zero so dashboards see them before the first one. */
    private static final List<Map.Entry<NotificationKind, Channel>> KNOWN_ROUTES = List.of(
            Map.entry(NotificationKind.CLINICIAN_ALERT, Channel.CLINICIAN_DASHBOARD),
            Map.entry(NotificationKind.PATIENT_NOTICE, Channel.PATIENT_MESSAGE),
            Map.entry(NotificationKind.ROUTINE_REVIEW_ITEM, Channel.CLINICIAN_DASHBOARD));

    NotificationLog(NotificationRepository notifications, MeterRegistry meters, Clock clock) {
        this.notifications = notifications;
        this.meters = meters;
        this.clock = clock;
        KNOWN_ROUTES.forEach(route -> counter(route.getKey(), route.getValue()));
    }

    /**
     * A notification to record: its report, kind, channel, priority, JSON content, the event it came from and
     * the report's owner as that event names it (null: staff only).
     */
    public record Request(UUID reportId, NotificationKind kind, Channel channel, Priority priority, String content,
                          UUID sourceEventId, Owner owner, Duration escalatesAfter) {

        public Request(UUID reportId, NotificationKind kind, Channel channel, Priority priority, String content,
                       UUID sourceEventId, Owner owner) {
            this(reportId, kind, channel, priority, content, sourceEventId, owner, null);
        }
    }

    /**
     * Records the notification unless the report already has one of this kind on this channel.
     * Must join the caller's transaction so that the event's processed-message row commits with it.
     *
     * @return the new notification, or empty if one existed already
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Notification> record(Request request) {
        if (notifications.existsByReportIdAndKindAndChannel(request.reportId(), request.kind(), request.channel())) {
            log.info("Report {} already has a {} on {}; event {} adds nothing", request.reportId(), request.kind(),
                    request.channel(), request.sourceEventId());
            return Optional.empty();
        }
        // Flushed at once: the caller inserts delivery and feed rows (plain SQL) that reference this row.
        Instant now = clock.instant();
        Notification notification = notifications.saveAndFlush(new Notification(request.reportId(), request.kind(),
                request.channel(), request.priority(), request.content(), request.sourceEventId(), now)
                .escalatingAt(request.escalatesAfter() == null ? null : now.plus(request.escalatesAfter()))
                .ownedBy(request.owner()));
        log.info("Recorded {} {} on {} for report {} from event {}", request.kind(), notification.id(),
                request.channel(), request.reportId(), request.sourceEventId());
        countAfterCommit(request.kind(), request.channel());
        return Optional.of(notification);
    }

    private void countAfterCommit(NotificationKind kind, Channel channel) {
        Counter counter = counter(kind, channel);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    private Counter counter(NotificationKind kind, Channel channel) {
        return Counter.builder(RECORDED_METRIC)
                .description("Notifications recorded in the delivery log")
                .tag("kind", kind.name())
                .tag("channel", channel.name())
                .register(meters);
    }
}
