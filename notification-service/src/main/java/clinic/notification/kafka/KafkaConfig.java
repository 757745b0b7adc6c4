package clinic.notification.kafka;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.support.kafka.ServiceTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notification on Kafka: it consumes triage decisions and urgent reviews, and publishes the clinicians' review
 * outcomes (through the outbox).
 * It has no permanent failure of its own: an event it can decode (including its {@code ce_subject} check,
 * {@link Events}) it can always record. Error handling and dead letters are service-support's.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    static final String SOURCE = "/clinic/notification-service";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec(SOURCE);
    }

    @Bean
    ServiceTopics notificationTopics() {
        return ServiceTopics.of(ClinicTopics.TRIAGE_DECISIONS, ClinicTopics.URGENT_REVIEWS,
                ClinicTopics.REVIEW_OUTCOMES);
    }
}
