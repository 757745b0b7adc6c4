package clinic.support.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * The outbox backlog as gauges, without tags (no patient data can reach them):
 * {@code clinic.outbox.pending} (rows not yet acknowledged by Kafka) and
 * {@code clinic.outbox.oldest.pending.age} (seconds the oldest of them has waited; 0 when none wait).
 * A scrape while the database is unavailable reads NaN ("unknown") instead of failing.
 */
class OutboxMetrics implements MeterBinder {

    static final String PENDING = "clinic.outbox.pending";
    static final String OLDEST_PENDING_AGE = "clinic.outbox.oldest.pending.age";

    private final OutboxStore store;
    private final Clock clock;

    OutboxMetrics(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PENDING, this, guarded(metrics -> metrics.store.backlog().pending()))
                .description("Outbox events waiting to be published to Kafka")
                .register(registry);
        Gauge.builder(OLDEST_PENDING_AGE, this, guarded(metrics ->
                        metrics.store.backlog().oldestAge(metrics.clock.instant()).toMillis() / 1000.0))
                .description("How long the oldest outbox event has been waiting to be published")
                .baseUnit("seconds")
                .register(registry);
    }

    private static ToDoubleFunction<OutboxMetrics> guarded(ToDoubleFunction<OutboxMetrics> reading) {
        return metrics -> {
            try {
                return reading.applyAsDouble(metrics);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }
}
