package clinic.intake.kafka;

import clinic.events.ClinicTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.List;
import java.util.stream.Stream;

/**
 * The topics this service produces (symptom reports) and consumes (triage decisions), with their
 * dead-letter topics. KafkaAdmin creates whichever are missing; declaring them again is harmless.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics intakeTopics(@Value("${clinic.kafka.partitions:3}") int partitions,
                                      @Value("${clinic.kafka.replication-factor:1}") int replicationFactor) {
        List<NewTopic> topics = Stream.of(ClinicTopics.SYMPTOM_REPORTS, ClinicTopics.TRIAGE_DECISIONS)
                .flatMap(topic -> Stream.of(topic.name(), topic.deadLetterTopic()))
                .map(name -> TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor).build())
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
