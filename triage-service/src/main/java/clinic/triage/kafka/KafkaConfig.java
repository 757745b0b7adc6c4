package clinic.triage.kafka;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.support.kafka.ServiceTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Triage on Kafka: it consumes symptom reports and publishes decisions and urgent reviews (through the
 * outbox). It has no permanent failure of its own: a report it can decode it can always decide (the engine
 * fails safe to a clinician review). Error handling, dead letters and the relay are service-support's.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    static final String SOURCE = "/clinic/triage-service";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec(SOURCE);
    }

    @Bean
    ServiceTopics triageTopics() {
        return ServiceTopics.of(ClinicTopics.SYMPTOM_REPORTS, ClinicTopics.TRIAGE_DECISIONS,
                ClinicTopics.URGENT_REVIEWS);
    }
}
