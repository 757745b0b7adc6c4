package clinic.triage.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Wires the outbox: backlog gauges and readiness detail, the purge of sent rows, and the relay (unless
 * {@code clinic.outbox.relay.enabled=false}), each on a fixed delay.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfig {

    private static final Logger log = LoggerFactory.getLogger(OutboxConfig.class);

    @Bean
    OutboxMetrics outboxMetrics(OutboxStore store, Clock clock) {
        return new OutboxMetrics(store, clock);
    }

    /** Contributes {@code outbox} to health; listed in the readiness group in triage.yml. */
    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxStore store, Clock clock) {
        return new OutboxHealthIndicator(store, clock);
    }

    @Bean
    OutboxPurge outboxPurge(OutboxStore store, OutboxProperties properties, Clock clock) {
        return new OutboxPurge(store, properties.retention(), clock);
    }

    @Bean
    SchedulingConfigurer outboxPurgeSchedule(OutboxPurge purge, OutboxProperties properties) {
        return registrar -> registrar.addFixedDelayTask(guarded("purge", purge::purge), properties.purgeInterval());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "clinic.outbox.relay", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class RelayConfig {

        @Bean
        OutboxRelay outboxRelay(OutboxStore store, KafkaTemplate<String, byte[]> kafka,
                                TransactionTemplate transaction, OutboxProperties properties, Clock clock,
                                MeterRegistry registry) {
            return new OutboxRelay(store, kafka, transaction, properties.relay(), clock, registry);
        }

        @Bean
        SchedulingConfigurer outboxRelaySchedule(OutboxRelay relay, OutboxProperties properties) {
            return registrar -> registrar.addFixedDelayTask(guarded("relay", relay::relay),
                    properties.relay().fixedDelay());
        }
    }

    /** A failed round (e.g. the database is away) is logged by class name and tried again next time. */
    private static Runnable guarded(String task, Runnable round) {
        return () -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                log.warn("Outbox {} round failed ({}); trying again after the next delay", task,
                        e.getClass().getName());
            }
        };
    }
}
