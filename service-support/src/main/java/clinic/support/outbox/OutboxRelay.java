package clinic.support.outbox;

import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.support.outbox.OutboxStore.Claimed;
import clinic.support.tracing.TraceContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
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
 * Publishes committed outbox rows to Kafka, safe with any number of instances over one database.
 * <p>
 * A round claims a batch of pending rows, oldest first, in a short transaction ({@code FOR UPDATE SKIP
 * LOCKED}, then {@code claimed_by}/{@code claimed_until}), so two instances do not normally send the same
 * rows. It then hands the whole batch to the producer without waiting per record, waits once for all
 * acknowledgements (producer {@code acks=all}, idempotent), marks the acknowledged rows sent and releases
 * the others for the next round. Should an instance die with a claim, the claim expires after
 * {@code claim-timeout} and another instance sends the rows. Delivery is therefore at least once:
 * consumers drop repeats by {@code ce_id}, which is the row id. Two instances may publish in either order:
 * a service that needs per-key order across its events must give each key at most one event per topic (the
 * clinic's services do: one report, one event per topic).
 */
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transaction;
    private final OutboxProperties.Relay properties;
    private final String owner;
    private final Clock clock;
    private final Counter sent;
    private final Counter failures;
    private final TraceContexts traces;
    private volatile boolean predecessorClaimsReleased;

    OutboxRelay(OutboxStore store, KafkaTemplate<String, byte[]> kafka, TransactionTemplate transaction,
                OutboxProperties.Relay properties, Clock clock, MeterRegistry registry, TraceContexts traces) {
        this.store = store;
        this.kafka = kafka;
        this.transaction = transaction;
        this.properties = properties;
        this.owner = properties.owner();
        this.clock = clock;
        this.traces = traces;
        this.sent = Counter.builder("clinic.outbox.sent")
                .description("Outbox events acknowledged by Kafka and marked sent")
                .register(registry);
        this.failures = Counter.builder("clinic.outbox.send.failures")
                .description("Outbox batches in which some events were not acknowledged by Kafka")
                .register(registry);
    }

    /** One round: sends full batches until the backlog is drained or a batch does not go through. */
    void relay() {
        if (!predecessorClaimsReleased) {
            int released = store.releaseAllOf(owner);
            if (released > 0) {
                log.info("Outbox relay {}: released {} events claimed by a previous run", owner, released);
            }
            predecessorClaimsReleased = true;
        }
        int acknowledged;
        do {
            acknowledged = relayBatch();
        } while (acknowledged == properties.batchSize());
    }

    /** @return how many events were acknowledged and marked sent; -1 if part of the batch did not go through */
    int relayBatch() {
        Instant now = clock.instant();
        List<Claimed> batch = transaction.execute(status ->
                store.claim(owner, now, now.plus(properties.claimTimeout()), properties.batchSize()));
        if (batch == null || batch.isEmpty()) {
            return 0;
        }
        Map<UUID, CompletableFuture<?>> sends = send(batch);
        awaitAll(sends.values());

        List<UUID> acknowledged = new ArrayList<>(batch.size());
        List<UUID> unsent = new ArrayList<>();
        for (Claimed claimed : batch) {
            UUID id = claimed.event().id();
            CompletableFuture<?> send = sends.get(id);
            (send != null && succeeded(send) ? acknowledged : unsent).add(id);
        }
        if (!acknowledged.isEmpty()) {
            store.markSent(acknowledged, clock.instant());
            sent.increment(acknowledged.size());
        }
        if (unsent.isEmpty()) {
            return acknowledged.size();
        }
        store.release(unsent, owner);
        failures.increment();
        log.warn("Outbox relay {}: {} of {} events not acknowledged by Kafka, retrying next round; first {}",
                owner, unsent.size(), batch.size(), unsent.get(0));
        return -1;
    }

    /**
     * Hands every event to the producer; stops at the first the producer refuses outright (no broker). Each send
     * runs in a span continuing the trace that wrote the row, so the producer's span (and the {@code traceparent}
     * header it writes) belongs to the request or record that caused the event.
     */
    private Map<UUID, CompletableFuture<?>> send(List<Claimed> batch) {
        Map<UUID, CompletableFuture<?>> sends = new LinkedHashMap<>();
        for (Claimed claimed : batch) {
            OutgoingEvent event = claimed.event();
            try {
                sends.put(event.id(), traces.inContinuedTrace("clinic.outbox.relay", event.topic() + " relay",
                        claimed.traceParent(), () -> kafka.send(EventCodec.toProducerRecord(event))));
            } catch (RuntimeException e) {
                // send() itself failed (e.g. no metadata within max.block.ms): the broker is out of reach,
                // so stop here instead of blocking once more for every remaining row.
                log.warn("Outbox relay {}: the Kafka producer refused event {} ({})", owner, event.id(),
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
            // Looked at one by one: acknowledged rows are marked sent, the others released.
        }
    }

    private static boolean succeeded(CompletableFuture<?> send) {
        return send.isDone() && !send.isCompletedExceptionally() && !send.isCancelled();
    }
}
