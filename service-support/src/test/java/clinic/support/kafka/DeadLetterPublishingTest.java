package clinic.support.kafka;

import clinic.events.InvalidEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The error handler as the auto-configuration builds it, driven directly as the listener container drives it. */
class DeadLetterPublishingTest {

    static final byte[] VALUE = "{\"broken\":true}".getBytes(StandardCharsets.UTF_8);
    static final TopicPartition PARTITION = new TopicPartition("clinic.triage-decisions.v1", 2);

    @SuppressWarnings("unchecked")
    final KafkaOperations<Object, Object> template = mock(KafkaOperations.class);
    final MessageListenerContainer container = mock(MessageListenerContainer.class);
    final Consumer<?, ?> consumer = mock(Consumer.class);
    final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 7L,
            "report-key", VALUE);
    final DeadLetterReason reasons = new DeadLetterReason(List.of(InvalidEventException.class, ReportGone.class));
    final PartitionBackOff backOff = new PartitionBackOff(reasons);
    final DefaultErrorHandler handler = KafkaErrorHandlingAutoConfiguration.errorHandler(template,
            new RetryProperties(2, Duration.ofMillis(1), 2.0, Duration.ofMillis(2)), backOff, reasons,
            new SimpleMeterRegistry());

    /** A service's own permanent failure, as a service declares it with {@link PermanentFailures}. */
    static final class ReportGone extends RuntimeException {
        ReportGone(String id) {
            super("no report " + id);
        }
    }

    @AfterEach
    void stopScheduler() {
        backOff.destroy();
    }

    @Test
    void usesTheSafeMessageOfAnInvalidEvent() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION, "/painScore maximum"));

        assertThat(reasons.of(failure)).isEqualTo("SCHEMA_VIOLATION: /painScore maximum");
    }

    @Test
    void usesOnlyTheClassNameOfAnyOtherFailure() {
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new DataIntegrityViolationException("value 'Henrietta Quillfeather' too long"));

        assertThat(reasons.of(failure))
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
    }

    @Test
    void aPermanentFailureIsDeadLetteredOnTheFirstAttemptWithItsBytesAndASafeReason() {
        acknowledgeDeadLetters();
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new InvalidEventException(InvalidEventException.Reason.UNKNOWN_EVENT_TYPE, "clinic.x.v9"));

        assertThat(handler.handleOne(failure, record, consumer, container)).as("handled without a retry").isTrue();

        ProducerRecord<?, ?> deadLetter = sentDeadLetter();
        assertThat(deadLetter.topic()).isEqualTo("clinic.triage-decisions.v1.dlt");
        assertThat(deadLetter.partition()).isNull();
        assertThat(deadLetter.key()).isEqualTo("report-key");
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(header(deadLetter, "clinic-dlt-reason")).isEqualTo("UNKNOWN_EVENT_TYPE: clinic.x.v9");
        assertThat(header(deadLetter, "clinic-dlt-attempts")).isEqualTo("1");
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
    }

    @Test
    void aServicesOwnPermanentFailureIsDeadLetteredOnTheFirstAttemptWithItsMessage() {
        acknowledgeDeadLetters();
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new ReportGone("7f1c0a34-5b8e-4d0c-9a51-3c2f1e9b6d21"));

        assertThat(handler.handleOne(failure, record, consumer, container)).as("handled without a retry").isTrue();

        assertThat(header(sentDeadLetter(), "clinic-dlt-reason"))
                .isEqualTo("no report 7f1c0a34-5b8e-4d0c-9a51-3c2f1e9b6d21");
        verify(container, never()).pausePartition(PARTITION);
    }

    @Test
    void deadLettersOfAnyTopicGoToItsDotDltTopic() {
        ConsumerRecord<String, byte[]> other = new ConsumerRecord<>("some.topic", 0, 1L, "k", VALUE);

        assertThat(KafkaErrorHandlingAutoConfiguration.deadLetterTopic(other)).isEqualTo("some.topic.dlt");
    }

    @Test
    void aTransientFailureIsRetriedPausingOnlyItsPartitionThenDeadLettered() {
        acknowledgeDeadLetters();
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new DataIntegrityViolationException("value (Jane Doe) violates a constraint"));

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(handler.handleOne(failure, record, consumer, container)).as("attempt %d", attempt).isFalse();
        }
        verify(template, never()).send(any(ProducerRecord.class));
        verify(container, org.mockito.Mockito.times(2)).pausePartition(PARTITION);
        verify(container, never()).pause();
        assertThat(handler.handleOne(failure, record, consumer, container)).isTrue();

        ProducerRecord<?, ?> deadLetter = sentDeadLetter();
        assertThat(header(deadLetter, "clinic-dlt-reason"))
                .isEqualTo(DataIntegrityViolationException.class.getName());
        assertThat(header(deadLetter, "clinic-dlt-attempts")).isEqualTo("3");
        assertThat(deadLetter.headers()).noneMatch(h -> new String(h.value(), StandardCharsets.UTF_8).contains("Jane"));
    }

    @Test
    void aRecordWhoseDeadLetterCannotBePublishedIsSoughtBackAndNotCommitted() {
        when(template.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.failedFuture(new KafkaException("dead-letter topic unavailable")));
        ConsumerRecord<String, byte[]> next = new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 8L,
                "other", VALUE);
        Exception failure = new ListenerExecutionFailedException("listener failed",
                new InvalidEventException(InvalidEventException.Reason.MISSING_HEADER, "ce_id"));

        // the container does not acknowledge a record whose error handling threw
        assertThatThrownBy(() -> handler.handleRemaining(failure, List.of(record, next), consumer, container))
                .as("recovery failed, record still in retry").isInstanceOf(RuntimeException.class);

        verify(template).send(any(ProducerRecord.class));
        verify(consumer).seek(PARTITION, 7L);
        verify(consumer, never()).commitSync(anyMap());
        verify(consumer, never()).commitSync(anyMap(), any(Duration.class));
        verify(consumer, never()).commitAsync(anyMap(), any());
    }

    @SuppressWarnings("unchecked")
    private void acknowledgeDeadLetters() {
        when(template.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ProducerRecord<?, ?> sentDeadLetter() {
        ArgumentCaptor<ProducerRecord> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(template).send(sent.capture());
        return sent.getValue();
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        assertThat(record.headers().lastHeader(name)).as("header %s", name).isNotNull();
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
