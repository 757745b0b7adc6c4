package clinic.triage.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** Blocking retries of a record whose handling failed for a reason that may pass ({@code clinic.kafka.retry.*}). */
@ConfigurationProperties("clinic.kafka.retry")
record RetryProperties(@DefaultValue("500ms") Duration initialInterval,
                       @DefaultValue("2.0") double multiplier,
                       @DefaultValue("10s") Duration maxInterval,
                       @DefaultValue("6") int maxRetries) {
}
