package clinic.notification.kafka;

import clinic.events.ClinicTopic;
import clinic.events.ClinicTopics;
import clinic.events.InvalidEventException;
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
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import java.nio.charset.StandardCharsets;

/**
 * The one place where failed records are handled, for every listener of this service. A record that
 * can never be processed ({@link InvalidEventException}) goes straight to {@code <topic>.dlt} with its
 * original bytes; anything else is retried with exponential back-off (blocking, so per-report order
 * holds) and then dead-lettered. The {@value #REASON_HEADER} header says why, without patient data.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetryProperties.class)
class DeadLetterConfig {

    static final String REASON_HEADER = "clinic-dlt-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> template, RetryProperties retry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic(record), -1));
        // Spring's message and stack-trace headers could quote data of a failed record: keep class names only.
        recoverer.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8))}));

        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());

        ConsumerAwareRecordRecoverer loggingRecoverer = (record, consumer, exception) -> {
            log.warn("Dead-lettering {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                    deadLetterTopic(record), reason(exception));
            recoverer.accept(record, consumer, exception);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(loggingRecoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        return ClinicTopics.all().stream()
                .filter(topic -> topic.name().equals(record.topic()))
                .findFirst()
                .map(ClinicTopic::deadLetterTopic)
                .orElse(record.topic() + ".dlt");
    }

    /** InvalidEventException messages are safe by contract; for anything else only the class name is. */
    static String reason(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.getMessage();
            }
        }
        return cause.getClass().getName();
    }
}
