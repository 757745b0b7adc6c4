package clinic.support.kafka;

import clinic.events.InvalidEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import clinic.support.tracing.TraceContexts;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where failed records are handled, for every listener of a service (Boot hands this
 * {@code DefaultErrorHandler} to its listener container factory).
 * <ul>
 * <li>Permanent failures ({@code InvalidEventException}: undecodable bytes, schema violations, unknown event
 * type or version; and the service's own {@link PermanentFailures}) go to {@code <topic>.dlt} on the first
 * attempt.
 * <li>Anything else is retried with exponential back-off ({@code clinic.kafka.retry.*}); meanwhile only the
 * record's partition is paused ({@link PartitionBackOff}), and then the record is dead-lettered. Retries
 * happen in place, never through retry topics, so the records of one key keep their order.
 * <li>A dead letter keeps the original key, bytes and headers and adds {@value #REASON_HEADER} (safe words, no
 * patient data) and {@value #ATTEMPTS_HEADER}; Spring's exception-message and stack-trace headers are left
 * out because a message may quote data.
 * <li>Nothing is skipped: if the dead-letter publish fails, the recoverer throws, the record is sought back
 * and not committed, and it is tried again.
 * </ul>
 * Also here: {@code kafkaListeners} in health (listener containers that should consume but cannot, or whose
 * consumers have not been given their partitions yet), static group membership ({@link StaticMembership}) and the
 * service's {@link ServiceTopics}, created where missing.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(KafkaOperations.class)
@EnableConfigurationProperties(RetryProperties.class)
public class KafkaErrorHandlingAutoConfiguration {

    static final String DEAD_LETTER_SUFFIX = ".dlt";

    static final String REASON_HEADER = "clinic-dlt-reason";
    static final String ATTEMPTS_HEADER = "clinic-dlt-attempts";

    private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandlingAutoConfiguration.class);

    @Bean
    DeadLetterReason deadLetterReason(ObjectProvider<PermanentFailures> declared) {
        List<Class<? extends Exception>> permanent = new ArrayList<>();
        permanent.add(InvalidEventException.class);
        declared.orderedStream().forEach(failures -> permanent.addAll(failures.types()));
        return new DeadLetterReason(permanent);
    }

    /** For batch listeners: one transaction per poll, per-record failure handling (see {@link RecordBatches}). */
    @Bean
    RecordBatches recordBatches(PlatformTransactionManager transactions, TraceContexts traces) {
        return new RecordBatches(new TransactionTemplate(transactions), traces);
    }

    @Bean
    PartitionBackOff partitionBackOff(DeadLetterReason reasons) {
        return new PartitionBackOff(reasons);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> template, RetryProperties retry,
                                          PartitionBackOff backOff, DeadLetterReason reasons,
                                          MeterRegistry registry) {
        return errorHandler(template, retry, backOff, reasons, registry);
    }

    /** Contributes {@code kafkaListeners} to health; services list it in their readiness group. */
    @Bean
    KafkaListenersHealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry,
                                                                FirstAssignments assignments) {
        return new KafkaListenersHealthIndicator(registry, assignments);
    }

    /** Static members keep their membership through a crash, but leave their group when closed cleanly. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer leaveGroupOnClose() {
        return KafkaErrorHandlingAutoConfiguration::leaveGroupOnClose;
    }

    private static <K, V> void leaveGroupOnClose(DefaultKafkaConsumerFactory<K, V> factory) {
        factory.addPostProcessor(LeaveGroupOnClose::wrap);
    }

    @Bean
    FirstAssignments firstAssignments() {
        return new FirstAssignments();
    }

    /**
     * Boot hands this customizer to the service's listener container factory: static group membership under
     * the instance's name ({@code clinic.kafka.static-membership}, on by default) and the record of first
     * assignments that readiness waits for.
     */
    @Bean
    StaticMembership staticMembership(Environment environment, FirstAssignments assignments) {
        boolean enabled = environment.getProperty("clinic.kafka.static-membership", Boolean.class, true);
        String name = enabled ? InstanceName.of(environment) : null;
        log.info("Kafka group membership: {}", enabled ? "static, instance " + name : "dynamic");
        return new StaticMembership(name, assignments);
    }

    /**
     * {@code clinic_kafka_dead_letters_total{topic}} exists at zero from start-up for each of the service's topics,
     * so that the first dead letter is an increase a Prometheus alert can see (a series born at 1 is not).
     */
    @Bean
    @ConditionalOnBean(ServiceTopics.class)
    SmartInitializingSingleton deadLetterCountersAtZero(ServiceTopics topics, MeterRegistry registry) {
        return () -> topics.names().stream().filter(name -> !name.endsWith(DEAD_LETTER_SUFFIX))
                .forEach(topic -> deadLetters(registry, topic));
    }

    static Counter deadLetters(MeterRegistry registry, String topic) {
        return Counter.builder("clinic.kafka.dead.letters").description("Records published to a dead-letter topic")
                .tag("topic", topic).register(registry);
    }

    /** Declared idempotently: KafkaAdmin creates whichever of the service's topics are missing at start-up. */
    @Bean
    @ConditionalOnBean(ServiceTopics.class)
    KafkaAdmin.NewTopics serviceTopics(ServiceTopics topics, Environment environment) {
        int partitions = environment.getProperty("clinic.kafka.partitions", Integer.class, 3);
        int replicas = environment.getProperty("clinic.kafka.replication-factor", Integer.class, 1);
        return new KafkaAdmin.NewTopics(topics.names().stream()
                .map(name -> TopicBuilder.name(name).partitions(partitions).replicas(replicas).build())
                .toArray(NewTopic[]::new));
    }

    static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, RetryProperties retry,
                                            PartitionBackOff backOff, DeadLetterReason reasons,
                                            MeterRegistry registry) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic(record), -1));
        publisher.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
        publisher.setHeadersFunction((record, exception) -> new RecordHeaders(new RecordHeader[] {
                header(REASON_HEADER, reasons.of(exception)),
                header(ATTEMPTS_HEADER, Integer.toString(PartitionBackOff.attemptsOf(record)))}));
        // Spring's default, made explicit: a failed or unconfirmed publish fails the recovery.
        publisher.setFailIfSendResultIsError(true);

        ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> {
            log.warn("Dead-lettering {}-{}@{} to {} after {} attempt(s): {}", record.topic(), record.partition(),
                    record.offset(), deadLetterTopic(record), PartitionBackOff.attemptsOf(record),
                    reasons.of(exception));
            publisher.accept(record, consumer, exception);
            deadLetters(registry, record.topic()).increment();
        };

        ExponentialBackOffWithMaxRetries exponential = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        exponential.setInitialInterval(retry.initialInterval().toMillis());
        exponential.setMultiplier(retry.multiplier());
        exponential.setMaxInterval(retry.maxInterval().toMillis());

        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, exponential, backOff);
        handler.setRetryListeners(backOff);
        reasons.permanent().forEach(handler::addNotRetryableExceptions);
        return handler;
    }

    /** Dead letters of every topic go to {@code <topic>.dlt} (the contract's naming, as {@code ClinicTopic}). */
    static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        return record.topic() + DEAD_LETTER_SUFFIX;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
