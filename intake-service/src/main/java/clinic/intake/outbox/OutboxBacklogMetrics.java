package clinic.intake.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code clinic.outbox.pending}: outbox rows not yet acknowledged by Kafka. No tags, no patient data. */
@Component
class OutboxBacklogMetrics implements MeterBinder {

    static final String PENDING = "clinic.outbox.pending";

    private final OutboxRepository events;

    OutboxBacklogMetrics(OutboxRepository events) {
        this.events = events;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PENDING, this, OutboxBacklogMetrics::pending)
                .description("Outbox events waiting to be published to Kafka")
                .register(registry);
    }

    private double pending() {
        try {
            return events.countBySentAtIsNull();
        } catch (RuntimeException e) {
            return Double.NaN; // database unavailable: report "unknown", never fail the scrape
        }
    }
}
