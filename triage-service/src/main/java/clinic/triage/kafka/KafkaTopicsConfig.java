package clinic.triage.kafka;

import clinic.events.ClinicTopic;
import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.stream.Stream;

/** The event codec and the topics this service consumes and produces, each with its dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    static final String SOURCE = "/clinic/triage-service";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec(SOURCE);
    }

    /** Declared idempotently: KafkaAdmin creates whichever topics are missing at startup. */
    @Bean
    KafkaAdmin.NewTopics triageTopics(@Value("${clinic.kafka.partitions:3}") int partitions,
                                      @Value("${clinic.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                Stream.of(ClinicTopics.SYMPTOM_REPORTS, ClinicTopics.TRIAGE_DECISIONS, ClinicTopics.URGENT_REVIEWS)
                        .flatMap(KafkaTopicsConfig::withDeadLetterTopic)
                        .map(name -> TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor)
                                .build())
                        .toArray(NewTopic[]::new));
    }

    private static Stream<String> withDeadLetterTopic(ClinicTopic<?> topic) {
        return Stream.of(topic.name(), topic.deadLetterTopic());
    }
}
