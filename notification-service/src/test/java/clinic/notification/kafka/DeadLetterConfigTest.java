package clinic.notification.kafka;

import clinic.events.InvalidEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DeadLetterConfigTest {

    private static final byte[] VALUE = "{\"broken\":true}".getBytes(StandardCharsets.UTF_8);

    @SuppressWarnings("unchecked")
    private final KafkaOperations<Object, Object> template = mock(KafkaOperations.class);
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);
    private final Consumer<?, ?> consumer = mock(Consumer.class);
    private final ConsumerRecord<String, byte[]> record =
            new ConsumerRecord<>("clinic.urgent-reviews.v1", 2, 7L, "report-key", VALUE);
    private DefaultErrorHandler handler;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void errorHandler() {
        when(template.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)));
        handler = new DeadLetterConfig().kafkaErrorHandler(template,
                new RetryProperties(Duration.ofMillis(1), 2.0, Duration.ofMillis(2), 3));
    }

    @Test
    void anInvalidEventGoesStraightToTheDeadLetterTopicWithItsBytesAndASafeReason() {
        Exception failure = new ListenerExecutionFailedException("Listener failed",
                new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION, "/disposition enum"));

        boolean handled = handler.handleOne(failure, record, consumer, container);

        assertThat(handled).as("handled without a retry").isTrue();
        ProducerRecord<?, ?> deadLetter = sentDeadLetter();
        assertThat(deadLetter.topic()).isEqualTo("clinic.urgent-reviews.v1.dlt");
        assertThat(deadLetter.partition()).isNull();
        assertThat(deadLetter.key()).isEqualTo("report-key");
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(header(deadLetter, "clinic-dlt-reason")).isEqualTo("SCHEMA_VIOLATION: /disposition enum");
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
    }

    @Test
    void anyOtherFailureIsRetriedBeforeItIsDeadLetteredUnderItsClassNameOnly() {
        Exception failure = new ListenerExecutionFailedException("Listener failed",
                new DataIntegrityViolationException("value (Jane Doe) violates a constraint"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(handler.handleOne(failure, record, consumer, container)).as("attempt %d", attempt).isFalse();
        }
        verify(template, never()).send(any(ProducerRecord.class));
        assertThat(handler.handleOne(failure, record, consumer, container)).isTrue();

        ProducerRecord<?, ?> deadLetter = sentDeadLetter();
        assertThat(header(deadLetter, "clinic-dlt-reason"))
                .isEqualTo(DataIntegrityViolationException.class.getName());
        assertThat(deadLetter.headers()).noneMatch(h ->
                new String(h.value(), StandardCharsets.UTF_8).contains("Jane"));
    }

    @Test
    void deadLettersOfAnUnknownTopicGoToItsDotDltTopic() {
        ConsumerRecord<String, byte[]> other = new ConsumerRecord<>("some.topic", 0, 1L, "k", VALUE);

        assertThat(DeadLetterConfig.deadLetterTopic(other)).isEqualTo("some.topic.dlt");
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
