package clinic.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import clinic.support.tracing.TraceContexts;
import clinic.support.tracing.TracingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The transactional outbox of a service that publishes events ({@code clinic.outbox.enabled}, on unless
 * switched off): the {@link Outbox} domain code appends to, the relay (unless
 * {@code clinic.outbox.relay.enabled=false}; woken after each commit that appends, polling as a fallback) and the
 * purge of sent rows on a fixed delay, and the
 * backlog as gauges and as the {@code outbox} health detail. The table comes with the library's migrations.
 */
@AutoConfiguration(after = TracingAutoConfiguration.class)
@ConditionalOnProperty(prefix = "clinic.outbox", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OutboxAutoConfiguration.class);

    @Bean
    OutboxStore outboxStore(JdbcTemplate jdbc) {
        return new OutboxStore(jdbc);
    }

    @Bean
    Outbox outbox(OutboxStore store, ObjectProvider<Clock> clock, ObjectProvider<OutboxRelayWorker> relay,
                  TraceContexts traces) {
        // without a relay on this instance (switched off), another instance's fallback round sends the rows
        return new Outbox(store, clockOf(clock), () -> relay.ifAvailable(OutboxRelayWorker::nudgeAfterCommit),
                traces::currentTraceParent);
    }

    @Bean
    OutboxMetrics outboxMetrics(OutboxStore store, ObjectProvider<Clock> clock) {
        return new OutboxMetrics(store, clockOf(clock));
    }

    /** Contributes {@code outbox} to health; services list it in their readiness group. */
    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxStore store, ObjectProvider<Clock> clock) {
        return new OutboxHealthIndicator(store, clockOf(clock));
    }

    @Bean
    OutboxPurge outboxPurge(OutboxStore store, OutboxProperties properties, ObjectProvider<Clock> clock) {
        return new OutboxPurge(store, properties.retention(), clockOf(clock));
    }

    @Bean
    SchedulingConfigurer outboxPurgeSchedule(OutboxPurge purge, OutboxProperties properties) {
        return registrar -> registrar.addFixedDelayTask(guarded("purge", purge::purge), properties.purgeInterval());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "clinic.outbox.relay", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class RelayConfiguration {

        @Bean
        OutboxRelay outboxRelay(OutboxStore store, KafkaTemplate<String, byte[]> kafka,
                                TransactionTemplate transaction, OutboxProperties properties,
                                ObjectProvider<Clock> clock, MeterRegistry registry, TraceContexts traces) {
            return new OutboxRelay(store, kafka, transaction, properties.relay(), clockOf(clock), registry, traces);
        }

        @Bean
        OutboxRelayWorker outboxRelayWorker(OutboxRelay relay, OutboxProperties properties) {
            return new OutboxRelayWorker(relay, properties.relay().fixedDelay());
        }
    }

    /** The service's clock when it has one (tests move it), else the system's. */
    static Clock clockOf(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
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
