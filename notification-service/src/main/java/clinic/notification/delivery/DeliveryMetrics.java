package clinic.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code clinic.notification.delivery.attempts{channel, outcome}}: every attempt, counted after its
 * outcome is recorded. Tags are enum names only, never an address or an id. Registered from zero for every
 * pair so dashboards see them before the first failure.
 */
@Component
class DeliveryMetrics {

    static final String ATTEMPTS = "clinic.notification.delivery.attempts";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(channel, outcome);
            }
        }
    }

    void attempted(DeliveryChannel channel, Outcome outcome) {
        counter(channel, outcome).increment();
    }

    private Counter counter(DeliveryChannel channel, Outcome outcome) {
        return Counter.builder(ATTEMPTS).description("Delivery attempts by channel and outcome")
                .tag("channel", channel.name()).tag("outcome", outcome.name()).register(registry);
    }
}
