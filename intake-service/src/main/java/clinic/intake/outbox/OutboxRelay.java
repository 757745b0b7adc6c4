package clinic.intake.outbox;

import clinic.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox rows to Kafka, oldest first. Each tick sends a batch, waits for the
 * broker's acknowledgements (producer {@code acks=all}, idempotent) and only then marks the
 * acknowledged rows sent; anything unacknowledged stays unsent and is sent again on the next tick.
 * Delivery is therefore at least once: consumers drop repeats by {@code ce_id}, which equals the row id.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository events;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transaction;
    private final OutboxRelayProperties properties;
    private final Clock clock;

    OutboxRelay(OutboxRepository events, KafkaTemplate<String, byte[]> kafka, TransactionTemplate transaction,
                OutboxRelayProperties properties, Clock clock) {
        this.events = events;
        this.kafka = kafka;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${clinic.outbox.relay.fixed-delay:100ms}")
    void tick() {
        if (properties.enabled()) {
            publishPending();
        }
    }

    /** Sends one batch of unsent rows; returns how many the broker acknowledged (now marked sent). */
    int publishPending() {
        List<OutboxEvent> batch = events.findBySentAtIsNullOrderByCreatedAtAscIdAsc(Limit.of(properties.batchSize()));
        if (batch.isEmpty()) {
            return 0;
        }
        Map<UUID, CompletableFuture<?>> sends = send(batch);
        awaitAll(sends.values());

        List<UUID> acknowledged = new ArrayList<>();
        List<UUID> pending = new ArrayList<>();
        sends.forEach((id, send) -> (succeeded(send) ? acknowledged : pending).add(id));
        if (!acknowledged.isEmpty()) {
            transaction.executeWithoutResult(status -> events.markSent(acknowledged, clock.instant()));
        }
        if (!pending.isEmpty()) {
            log.warn("Outbox relay: {} of {} events not acknowledged by Kafka, retrying next tick: {}",
                    pending.size(), batch.size(), pending);
        }
        return acknowledged.size();
    }

    private Map<UUID, CompletableFuture<?>> send(List<OutboxEvent> batch) {
        Map<UUID, CompletableFuture<?>> sends = new LinkedHashMap<>();
        for (OutboxEvent event : batch) {
            try {
                sends.put(event.getId(), kafka.send(EventCodec.toProducerRecord(event.toOutgoingEvent())));
            } catch (RuntimeException e) {
                // send() itself failed (e.g. no metadata within max.block.ms): the broker is out of reach,
                // so stop here instead of blocking once more for every remaining row.
                log.warn("Outbox relay: could not hand event {} to the Kafka producer ({})", event.getId(),
                        e.getClass().getName());
                break;
            }
        }
        return sends;
    }

    private void awaitAll(Iterable<CompletableFuture<?>> sends) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        sends.forEach(all::add);
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Looked at one by one below: acknowledged rows are marked sent, the others stay pending.
        }
    }

    private static boolean succeeded(CompletableFuture<?> send) {
        return send.isDone() && !send.isCompletedExceptionally() && !send.isCancelled();
    }
}
