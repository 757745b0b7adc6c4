package clinic.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** Back-off of failed records before they are dead-lettered ({@code clinic.kafka.retry.*}). */
@ConfigurationProperties("clinic.kafka.retry")
record RetryProperties(
        @DefaultValue("5") int maxRetries,
        @DefaultValue("200ms") Duration initialInterval,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("10s") Duration maxInterval) {
}
