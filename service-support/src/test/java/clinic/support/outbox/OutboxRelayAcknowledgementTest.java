package clinic.support.outbox;

import clinic.support.tracing.TraceContexts;

import clinic.events.OutgoingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay marks a row sent only after Kafka acknowledged it; everything else waits for the next round. */
class OutboxRelayAcknowledgementTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    final OutboxTestDatabase database = OutboxTestDatabase.h2();
    final List<UUID> batch = database.insertPending(3, NOW.minusSeconds(10));

    @Test
    void marksOnlyAcknowledgedEventsSentAndReleasesTheRest() {
        KeptOpenProducer producer = new KeptOpenProducer(false);
        OutboxRelay relay = relay(producer, Duration.ofSeconds(10));

        CompletableFuture<Integer> round = CompletableFuture.supplyAsync(relay::relayBatch);
        await().until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new TimeoutException("broker did not answer"));
        producer.completeNext();

        assertThat(round.join()).isEqualTo(-1);
        assertThat(sentIds()).containsExactlyInAnyOrder(batch.get(0), batch.get(2));
        assertThat(database.count("sent_at is null and claimed_by is null")).as("released for the next round")
                .isEqualTo(1);
    }

    @Test
    void leavesEventsUnsentWhileKafkaHasNotAcknowledged() {
        KeptOpenProducer producer = new KeptOpenProducer(false);
        OutboxRelay relay = relay(producer, Duration.ofMillis(200));

        assertThat(relay.relayBatch()).isEqualTo(-1);

        assertThat(producer.history()).hasSize(3);
        assertThat(sentIds()).isEmpty();
    }

    @Test
    void sendsTheWholeBatchBeforeWaitingForAnyAcknowledgement() {
        KeptOpenProducer producer = new KeptOpenProducer(false);
        OutboxRelay relay = relay(producer, Duration.ofSeconds(10));

        CompletableFuture<Integer> round = CompletableFuture.supplyAsync(relay::relayBatch);

        await().until(() -> producer.history().size() == 3);
        assertThat(round).as("still waiting for the acknowledgements").isNotDone();
        producer.completeNext();
        producer.completeNext();
        producer.completeNext();
        assertThat(round.join()).isEqualTo(3);
    }

    @Test
    void stopsTheBatchWhenTheProducerRefusesToSend() {
        KeptOpenProducer producer = new KeptOpenProducer(true);
        producer.refuse = true;
        OutboxRelay relay = relay(producer, Duration.ofSeconds(1));

        assertThat(relay.relayBatch()).isEqualTo(-1);

        assertThat(producer.attempts).isEqualTo(1);
        assertThat(sentIds()).isEmpty();
        assertThat(database.count("claimed_by is not null")).isZero();
    }

    @Test
    void marksTheWholeBatchSentWhenEverythingIsAcknowledged() {
        OutboxRelay relay = relay(new KeptOpenProducer(true), Duration.ofSeconds(10));

        assertThat(relay.relayBatch()).isEqualTo(3);

        assertThat(sentIds()).containsExactlyInAnyOrderElementsOf(batch);
        assertThat(database.jdbc().queryForList("select sent_at from outbox_event", OffsetDateTime.class))
                .allSatisfy(sentAt -> assertThat(sentAt.toInstant()).isEqualTo(NOW));
    }

    @Test
    void sendsEachStoredEventAsACloudEventKeyedByItsReport() {
        KeptOpenProducer producer = new KeptOpenProducer(true);

        relay(producer, Duration.ofSeconds(10)).relayBatch();

        ProducerRecord<String, byte[]> first = producer.history().get(0);
        String key = database.jdbc().queryForObject("select message_key from outbox_event where id = ?", String.class,
                batch.get(0));
        assertThat(first.topic()).isEqualTo("clinic.symptom-reports.v1");
        assertThat(first.key()).isEqualTo(key);
        assertThat(new String(first.headers().lastHeader("ce_id").value())).isEqualTo(batch.get(0).toString());
        assertThat(new String(first.headers().lastHeader("ce_type").value()))
                .isEqualTo("clinic.intake.symptom-report-submitted.v1");
        assertThat(new String(first.headers().lastHeader("ce_subject").value())).isEqualTo(key);
    }

    @Test
    void sendsTheExtensionAttributesStoredWithAnEvent() {
        OutgoingEvent stamped = new OutgoingEvent(UUID.randomUUID(), "clinic.symptom-reports.v1", "report-1",
                "clinic.intake.symptom-report-submitted.v1", "/clinic/intake-service", NOW.minusSeconds(20),
                "urn:clinic:schema:clinic.intake.symptom-report-submitted.v1", "{}".getBytes())
                .withExtension("submittedby", "client:clinic-integration");
        database.transactions().executeWithoutResult(
                tx -> database.store().insert(stamped, NOW.minusSeconds(20), null));
        KeptOpenProducer producer = new KeptOpenProducer(true);

        relay(producer, Duration.ofSeconds(10)).relayBatch();

        ProducerRecord<String, byte[]> sent = producer.history().stream()
                .filter(record -> record.key().equals("report-1")).findFirst().orElseThrow();
        assertThat(new String(sent.headers().lastHeader("ce_submittedby").value()))
                .isEqualTo("client:clinic-integration");
        assertThat(producer.history()).filteredOn(record -> !record.key().equals("report-1"))
                .allSatisfy(record -> assertThat(record.headers().lastHeader("ce_submittedby")).isNull());
    }

    private OutboxRelay relay(KeptOpenProducer producer, Duration sendTimeout) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(() -> producer);
        return new OutboxRelay(database.store(), template, database.transactions(),
                new OutboxProperties.Relay(true, Duration.ofMillis(100), 100, sendTimeout, sendTimeout.plusSeconds(30),
                        "test"), Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry(), TraceContexts.untraced());
    }

    private List<UUID> sentIds() {
        return database.jdbc().queryForList("select id from outbox_event where sent_at is not null", UUID.class);
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
