package clinic.support.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;

/**
 * The outbox backlog as a readiness detail ({@code outbox}: {@code pending}, {@code oldestPendingAgeSeconds}).
 * <p>
 * Its status is always UP: a growing backlog means Kafka is slow or away, and the service must keep
 * answering 202 while the outbox holds the events, so a broker outage must never take this instance out
 * of the load balancer. Alert on {@code clinic.outbox.oldest.pending.age} instead. If the database
 * cannot be read the status is UNKNOWN (which does not lower readiness either; the {@code db} indicator
 * reports the database itself).
 */
class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxStore store;
    private final Clock clock;

    OutboxHealthIndicator(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Health health() {
        OutboxBacklog backlog;
        try {
            backlog = store.backlog();
        } catch (RuntimeException e) {
            return Health.unknown().withDetail("error", e.getClass().getName()).build();
        }
        return Health.up()
                .withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAgeSeconds", backlog.oldestAge(clock.instant()).toSeconds())
                .build();
    }
}
