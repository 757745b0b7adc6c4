package clinic.support.outbox;

import clinic.support.tracing.TraceContexts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Two relay instances, each on its own fixed-delay schedule as in production, draining one backlog of the
 * same database concurrently. Each has its own (recording) producer, so every send can be attributed.
 */
public final class RelayRace {

    /**
     * @param inserted        the ids of the rows written before the race
     * @param sendsPerEventId how often each event id went out, over both instances
     * @param sentByFirst     sends by the first instance
     * @param sentBySecond    sends by the second instance
     * @param pendingAfter    rows not marked sent afterwards
     * @param took            time until no row was pending
     */
    public record Result(List<UUID> inserted, Map<String, Long> sendsPerEventId, int sentByFirst, int sentBySecond,
                         long pendingAfter, Duration took) {

        public long duplicates() {
            return sendsPerEventId.values().stream().mapToLong(sends -> sends - 1).sum();
        }
    }

    private RelayRace() {
    }

    public static Result drain(OutboxTestDatabase database, int rows, int batchSize) {
        List<UUID> inserted = database.insertPending(rows, Instant.now().minusSeconds(60));
        RecordingKafka first = new RecordingKafka(10);
        RecordingKafka second = new RecordingKafka(10);
        ScheduledExecutorService schedulers = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        try {
            schedulers.scheduleWithFixedDelay(relay(database, first, "relay-a", batchSize)::relay, 0, 5,
                    TimeUnit.MILLISECONDS);
            schedulers.scheduleWithFixedDelay(relay(database, second, "relay-b", batchSize)::relay, 0, 5,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> database.count("sent_at is null") == 0);
        } finally {
            schedulers.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> sends = new HashMap<>(first.sendsPerEventId());
        second.sendsPerEventId().forEach((id, count) -> sends.merge(id, count, Long::sum));
        Result result = new Result(inserted, sends, first.sent().size(), second.sent().size(),
                database.count("sent_at is null"), took);
        LoggerFactory.getLogger(RelayRace.class).info("{} rows drained by two relays in {} ms: {} + {} sends, "
                + "{} duplicates", rows, took.toMillis(), result.sentByFirst(), result.sentBySecond(),
                result.duplicates());
        return result;
    }

    private static OutboxRelay relay(OutboxTestDatabase database, RecordingKafka kafka, String instance,
                                     int batchSize) {
        OutboxProperties.Relay properties = new OutboxProperties.Relay(true, Duration.ofMillis(5), batchSize,
                Duration.ofSeconds(5), Duration.ofSeconds(60), instance);
        return new OutboxRelay(database.store(), kafka, database.transactions(), properties, Clock.systemUTC(),
                new SimpleMeterRegistry(), TraceContexts.untraced());
    }
}
