package clinic.triage.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import java.nio.charset.StandardCharsets;

/**
 * The one place where failed records are handled, for every listener of this service.
 * <ul>
 * <li>Permanent failures ({@link DeadLetterReason#PERMANENT}: undecodable bytes, schema violations, unknown
 * event type or version) go to {@code <topic>.dlt} on the first attempt.
 * <li>Anything else is retried with exponential back-off ({@code clinic.kafka.retry.*}); meanwhile only the
 * record's partition is paused ({@link PartitionBackOff}), and then the record is dead-lettered.
 * <li>A dead letter keeps the original key, bytes and headers and adds {@value #REASON_HEADER} (safe words, no
 * patient data) and {@value #ATTEMPTS_HEADER}; Spring's exception-message and stack-trace headers are left
 * out because a message may quote data.
 * <li>Nothing is skipped: if the dead-letter publish fails, the recoverer throws, the record is sought back
 * and not committed, and it is tried again.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetryProperties.class)
class DeadLetterConfig {

    static final String REASON_HEADER = "clinic-dlt-reason";
    static final String ATTEMPTS_HEADER = "clinic-dlt-attempts";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    @Bean
    PartitionBackOff partitionBackOff() {
        return new PartitionBackOff();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> template, RetryProperties retry,
                                          PartitionBackOff backOff, MeterRegistry registry) {
        return errorHandler(template, retry, backOff, registry);
    }

    static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, RetryProperties retry,
                                            PartitionBackOff backOff, MeterRegistry registry) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic(record), -1));
        publisher.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
        publisher.setHeadersFunction((record, exception) -> new RecordHeaders(new RecordHeader[] {
                header(REASON_HEADER, DeadLetterReason.of(exception)),
                header(ATTEMPTS_HEADER, Integer.toString(PartitionBackOff.attemptsOf(record)))}));
        // Spring's default, made explicit: a failed or unconfirmed publish fails the recovery.
        publisher.setFailIfSendResultIsError(true);

        ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> {
            log.warn("Dead-lettering {}-{}@{} to {} after {} attempt(s): {}", record.topic(), record.partition(),
                    record.offset(), deadLetterTopic(record), PartitionBackOff.attemptsOf(record),
                    DeadLetterReason.of(exception));
            publisher.accept(record, consumer, exception);
            Counter.builder("clinic.kafka.dead.letters").description("Records published to a dead-letter topic")
                    .tag("topic", record.topic()).register(registry).increment();
        };

        ExponentialBackOffWithMaxRetries exponential = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        exponential.setInitialInterval(retry.initialInterval().toMillis());
        exponential.setMultiplier(retry.multiplier());
        exponential.setMaxInterval(retry.maxInterval().toMillis());

        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, exponential, backOff);
        handler.setRetryListeners(backOff);
        DeadLetterReason.PERMANENT.forEach(handler::addNotRetryableExceptions);
        return handler;
    }

    static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        return record.topic() + ".dlt";
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
