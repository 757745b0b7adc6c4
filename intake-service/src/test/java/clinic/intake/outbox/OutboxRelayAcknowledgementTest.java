package clinic.intake.outbox;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.intake.Trend;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.domain.Limit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The relay marks a row sent only after Kafka acknowledged it; everything else waits for the next tick. */
class OutboxRelayAcknowledgementTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    final OutboxRepository repository = mock(OutboxRepository.class);
    final List<OutboxEvent> batch = List.of(event(), event(), event());

    @Test
    void marksOnlyAcknowledgedEventsSent() {
        KeptOpenProducer producer = new KeptOpenProducer(false);
        OutboxRelay relay = relay(producer, Duration.ofSeconds(10));

        CompletableFuture<Integer> tick = CompletableFuture.supplyAsync(relay::publishPending);
        await().until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new TimeoutException("broker did not answer"));
        producer.completeNext();

        assertThat(tick.join()).isEqualTo(2);
        assertThat(markedSent()).containsExactly(batch.get(0).getId(), batch.get(2).getId());
    }

    @Test
    void leavesEventsUnsentWhileKafkaHasNotAcknowledged() {
        KeptOpenProducer producer = new KeptOpenProducer(false);
        OutboxRelay relay = relay(producer, Duration.ofMillis(200));

        assertThat(relay.publishPending()).isZero();

        assertThat(producer.history()).hasSize(3);
        verify(repository, never()).markSent(any(), any());
    }

    @Test
    void stopsTheBatchWhenTheProducerRefusesToSend() {
        KeptOpenProducer producer = new KeptOpenProducer(true);
        producer.refuse = true;
        OutboxRelay relay = relay(producer, Duration.ofSeconds(1));

        assertThat(relay.publishPending()).isZero();

        assertThat(producer.attempts).isEqualTo(1);
        verify(repository, never()).markSent(any(), any());
    }

    @Test
    void marksTheWholeBatchSentWhenEverythingIsAcknowledged() {
        OutboxRelay relay = relay(new KeptOpenProducer(true), Duration.ofSeconds(10));

        assertThat(relay.publishPending()).isEqualTo(3);

        assertThat(markedSent()).containsExactlyElementsOf(batch.stream().map(OutboxEvent::getId).toList());
    }

    private OutboxRelay relay(KeptOpenProducer producer, Duration sendTimeout) {
        when(repository.findBySentAtIsNullOrderByCreatedAtAscIdAsc(any(Limit.class))).thenReturn(batch);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(() -> producer);
        TransactionTemplate transaction = new TransactionTemplate(mock(PlatformTransactionManager.class));
        return new OutboxRelay(repository, template, transaction, new OutboxRelayProperties(true, 100, sendTimeout),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @SuppressWarnings("unchecked")
    private Collection<UUID> markedSent() {
        ArgumentCaptor<Collection<UUID>> ids = ArgumentCaptor.forClass(Collection.class);
        verify(repository).markSent(ids.capture(), any());
        return ids.getValue();
    }

    private static OutboxEvent event() {
        UUID reportId = UUID.randomUUID();
        IntakeAnswers answers = new IntakeAnswers(41, false, PainLocation.BACK_OF_HEEL, Set.of(), Set.of(), false,
                false, true, PainAtRest.NONE, 4, Trend.STABLE, false, true, true, false, true, false, Set.of(), 10,
                0, false);
        return new OutboxEvent(new EventCodec("/clinic/test").encode(ClinicTopics.SYMPTOM_REPORTS, reportId,
                new SymptomReportSubmitted(reportId, NOW, answers), NOW), NOW);
    }

    /** A MockProducer that survives KafkaTemplate closing it after each send, and can refuse sends. */
    static final class KeptOpenProducer extends MockProducer<String, byte[]> {

        volatile boolean refuse;
        volatile int attempts;

        KeptOpenProducer(boolean autoComplete) {
            super(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            attempts++;
            if (refuse) {
                throw new KafkaException("no metadata within max.block.ms");
            }
            return super.send(record, callback);
        }

        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }
    }
}
