package clinic.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code clinic.notification.*}: channels, escalation, the intake lookup and the background workers.
 * Defaults live here and in {@code notification.yml}; none of these values is patient data.
 */
@ConfigurationProperties("clinic.notification")
public record NotificationProperties(@DefaultValue Email email, @DefaultValue Webhook webhook,
                                     @DefaultValue Escalation escalation, @DefaultValue Intake intake,
                                     @DefaultValue Delivery delivery, @DefaultValue Stream stream) {

    /** The escalation webhook is signed with the same key as the on-call one, so it needs it as well. */
    public NotificationProperties {
        boolean escalationHook = escalation != null && escalation.webhookUrl() != null
                && !escalation.webhookUrl().isBlank();
        if (escalationHook && (webhook == null || webhook.secret() == null || webhook.secret().isBlank())) {
            throw new IllegalArgumentException("clinic.notification.webhook.secret must be set when "
                    + "clinic.notification.escalation.webhook-url is set");
        }
    }

    /** Email over SMTP ({@code spring.mail.*} says which server). */
    public record Email(@DefaultValue("heel-clinic@clinic.local") String from,
                        @DefaultValue("oncall@clinic.local") String clinicianTo) {
    }

    /** The on-call chat webhook; an empty URL turns the channel off. */
    public record Webhook(@DefaultValue("") String url, @DefaultValue("") String secret,
                          @DefaultValue("2s") Duration timeout) {

        /** An unsigned or publicly keyed webhook would let anyone forge alerts: refuse to start instead. */
        public Webhook {
            boolean anyUrl = (url != null && !url.isBlank());
            if (anyUrl && (secret == null || secret.isBlank())) {
                throw new IllegalArgumentException(
                        "clinic.notification.webhook.secret must be set when clinic.notification.webhook.url is set");
            }
        }

        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }

    /** Where unacknowledged alerts go, and after how long. An empty webhook URL sends escalations by email only. */
    public record Escalation(@DefaultValue("escalation@clinic.local") String emailTo,
                             @DefaultValue("") String webhookUrl,
                             @DefaultValue Deadline deadline,
                             @DefaultValue("1s") Duration pollInterval) {

        public boolean webhookEnabled() {
            return webhookUrl != null && !webhookUrl.isBlank();
        }
    }

    public record Deadline(@DefaultValue("5m") Duration emergency, @DefaultValue("30m") Duration urgentReview) {
    }

    /** The intake service, asked for a patient's contact at send time. */
    public record Intake(@DefaultValue("http://localhost:8081") String baseUrl,
                         @DefaultValue("1s") Duration connectTimeout,
                         @DefaultValue("2s") Duration readTimeout,
                         @DefaultValue("2") int retries,
                         @DefaultValue("200ms") Duration retryDelay) {
    }

    /**
     * The delivery dispatcher: how often its lanes poll, how many deliveries one round of the routine lane
     * ({@code batchSize}) and of the urgent lane ({@code urgentBatchSize}) claims and for how long, how many sender
     * threads each lane has, and the retry schedule (attempt n waits
     * {@code min(initialBackoff * multiplier^(n-1), maxBackoff)} before attempt n+1).
     * <p>
     * The routine batch is large (100) because its attempts are recorded in one transaction per batch and its
     * emails go out over one SMTP connection per sender thread: per-batch costs dominate at volume. The urgent
     * batch stays small (20): alerts are few, and a small batch is recorded (and its escalations raised) sooner.
     */
    public record Delivery(@DefaultValue("250ms") Duration pollInterval,
                           @DefaultValue("100") int batchSize,
                           @DefaultValue("2m") Duration lease,
                           @DefaultValue("4") int senders,
                           @DefaultValue("8") int maxAttempts,
                           @DefaultValue("2s") Duration initialBackoff,
                           @DefaultValue("2.0") double multiplier,
                           @DefaultValue("5m") Duration maxBackoff,
                           @DefaultValue("20") int urgentBatchSize) {

        public Duration backoffAfter(int attempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** The dashboard feed (server-sent events). */
    public record Stream(@DefaultValue("200ms") Duration pollInterval,
                         @DefaultValue("15s") Duration heartbeat,
                         @DefaultValue("30m") Duration timeout) {
    }
}
