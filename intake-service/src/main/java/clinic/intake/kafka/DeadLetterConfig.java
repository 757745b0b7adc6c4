package clinic.intake.kafka;

import clinic.events.InvalidEventException;
import clinic.intake.decision.UnknownReportException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The one place where failed records are handled, for every listener of this service. Records that
 * can never succeed ({@link InvalidEventException}, {@link UnknownReportException}) go straight to
 * {@code <topic>.dlt} with their original bytes; other failures are retried with exponential back-off
 * (blocking, so per-key order holds) and then dead-lettered. {@value #REASON_HEADER} says why without
 * patient data; Spring's exception-message and stack-trace headers are left out for the same reason.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    static final String REASON_HEADER = "clinic-dlt-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> template, RetryProperties retry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic(record), -1));
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
        handler.addNotRetryableExceptions(InvalidEventException.class, UnknownReportException.class);
        return handler;
    }

    static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        return record.topic() + ".dlt";
    }

    /** Messages of our own "never processable" exceptions are safe by contract; otherwise the class name. */
    static String reason(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException || t instanceof UnknownReportException) {
                return t.getMessage();
            }
        }
        return cause.getClass().getName();
    }
}
