package clinic.notification.delivery;

import clinic.notification.log.NotificationKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code clinic.notification.delivery.attempts{channel, outcome}}: every attempt, counted after its outcome is
 * recorded; {@code clinic.notifications.delivered{channel, kind}}: every delivery that went out. Tags are enum
 * names only, never an address or an id. Registered from zero for every pair so dashboards see them before the
 * first one. {@code clinic.notification.deliveries.pending}: the
 * deliveries not finished yet (the delivery queue's backlog, read from the database at each scrape), so that
 * operations and the fault tests can tell a quiet service from a busy one.
 */
@Component
class DeliveryMetrics {

    static final String ATTEMPTS = "clinic.notification.delivery.attempts";
    /** A fixed name (dashboards and alert rules rely on it): {@code clinic_notifications_delivered_total}. */
    static final String DELIVERED = "clinic.notifications.delivered";
    static final String PENDING = "clinic.notification.deliveries.pending";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry, DeliveryStore store) {
        this.registry = registry;
        Gauge.builder(PENDING, store, DeliveryStore::countPending)
                .description("Deliveries not finished yet: due, backing off or being sent").register(registry);
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(channel, outcome);
            }
            for (NotificationKind kind : NotificationKind.values()) {
                delivered(channel, kind);
            }
        }
    }

    /** A notification went out on a channel (its delivery recorded DELIVERED by this instance). */
    void deliveredOnce(DeliveryChannel channel, NotificationKind kind) {
        delivered(channel, kind).increment();
    }

    private Counter delivered(DeliveryChannel channel, NotificationKind kind) {
        return Counter.builder(DELIVERED).description("Notifications delivered, by channel and kind")
                .tag("channel", channel.name()).tag("kind", kind.name()).register(registry);
    }

    void attempted(DeliveryChannel channel, Outcome outcome) {
        counter(channel, outcome).increment();
    }

    private Counter counter(DeliveryChannel channel, Outcome outcome) {
        return Counter.builder(ATTEMPTS).description("Delivery attempts by channel and outcome")
                .tag("channel", channel.name()).tag("outcome", outcome.name()).register(registry);
    }
}
