package clinic.triage.outbox;

import clinic.events.EventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends unsent outbox rows, oldest first, in batches: all records of a batch are sent, the relay waits
 * for Kafka's acknowledgements, and only acknowledged rows are marked sent. Anything else stays unsent
 * and is tried again on the next round, so delivery is at least once; consumers deduplicate by ce_id.
 */
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Counter failures;

    OutboxRelay(OutboxRepository repository, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
                Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.failures = Counter.builder("clinic.outbox.send.failures")
                .description("Outbox rounds in which some events were not acknowledged by Kafka")
                .register(registry);
    }

    /** One round: sends full batches until the backlog is drained or a send fails. */
    void relay() {
        int sent;
        do {
            sent = relayBatch();
        } while (sent == properties.batchSize());
    }

    /** @return how many events were acknowledged and marked sent; -1 if the batch did not go through */
    int relayBatch() {
        List<OutboxEvent> batch = repository.findBySentAtIsNullOrderByCreatedAtAscIdAsc(
                Limit.of(properties.batchSize()));
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(send(event));
        }
        boolean complete = awaitAll(acks);
        List<UUID> acknowledged = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<?> ack = acks.get(i);
            if (ack.isDone() && !ack.isCompletedExceptionally()) {
                acknowledged.add(batch.get(i).getId());
            }
        }
        if (!acknowledged.isEmpty()) {
            repository.markSent(acknowledged, clock.instant());
        }
        if (!complete || acknowledged.size() < batch.size()) {
            failures.increment();
            log.warn("Outbox relay: {} of {} events not acknowledged, retrying next round; first unsent id {}",
                    batch.size() - acknowledged.size(), batch.size(), firstUnsent(batch, acknowledged));
            return -1;
        }
        return acknowledged.size();
    }

    private CompletableFuture<?> send(OutboxEvent event) {
        try {
            return kafka.send(EventCodec.toProducerRecord(event.toOutgoing()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static UUID firstUnsent(List<OutboxEvent> batch, List<UUID> acknowledged) {
        return batch.stream().map(OutboxEvent::getId).filter(id -> !acknowledged.contains(id)).findFirst()
                .orElse(null);
    }
}
