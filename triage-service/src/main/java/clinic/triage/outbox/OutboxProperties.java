package clinic.triage.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The outbox relay ({@code clinic.outbox.*}): how often it looks for unsent events, how many it sends
 * per round, how long it waits for Kafka's acknowledgements, and whether it runs at all.
 */
@ConfigurationProperties("clinic.outbox")
record OutboxProperties(@DefaultValue("100ms") Duration relayInterval,
                        @DefaultValue("100") int batchSize,
                        @DefaultValue("30s") Duration sendTimeout,
                        @DefaultValue("true") boolean relayEnabled) {
}
