package clinic.intake.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the outbox relay ({@code clinic.outbox.relay.*}). The tick itself is
 * {@code clinic.outbox.relay.fixed-delay} (default 100ms), read by the {@code @Scheduled} annotation.
 *
 * @param enabled     whether this instance publishes the outbox at all
 * @param batchSize   the most rows sent per tick
 * @param sendTimeout how long one tick waits for the broker's acknowledgements
 */
@ConfigurationProperties("clinic.outbox.relay")
record OutboxRelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration sendTimeout) {
}
