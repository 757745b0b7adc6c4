package clinic.triage.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;

/** The outbox backlog gauge, and the relay on a fixed delay (unless {@code clinic.outbox.relay-enabled=false}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfig {

    /** {@code clinic.outbox.pending}: events written but not yet acknowledged by Kafka. */
    @Bean
    MeterBinder outboxBacklog(OutboxRepository repository) {
        return registry -> Gauge.builder("clinic.outbox.pending", repository, OutboxRepository::countBySentAtIsNull)
                .description("Outbox events not yet acknowledged by Kafka")
                .register(registry);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(prefix = "clinic.outbox", name = "relay-enabled", havingValue = "true",
            matchIfMissing = true)
    static class RelayConfig {

        @Bean
        OutboxRelay outboxRelay(OutboxRepository repository, KafkaTemplate<String, byte[]> kafka,
                                OutboxProperties properties, Clock clock, MeterRegistry registry) {
            return new OutboxRelay(repository, kafka, properties, clock, registry);
        }

        @Bean
        SchedulingConfigurer outboxRelaySchedule(OutboxRelay relay, OutboxProperties properties) {
            return registrar -> registrar.addFixedDelayTask(relay::relay, properties.relayInterval());
        }
    }
}
