package clinic.support.outbox;

import clinic.support.tracing.TraceContexts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Several relay instances over one database (H2 here; PostgreSQL in PostgresProfileTest). */
class OutboxRelayConcurrencyTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void twoInstancesDrainABacklogOf500RowsWithNothingLostAndNothingSentTwice() {
        RelayRace.Result race = RelayRace.drain(OutboxTestDatabase.h2(), 500, 25);

        assertThat(race.pendingAfter()).isZero();
        assertThat(race.sendsPerEventId().keySet())
                .containsExactlyInAnyOrderElementsOf(race.inserted().stream().map(UUID::toString).toList());
        assertThat(race.duplicates()).as("claims keep the instances off each other's batches").isZero();
        assertThat(race.sentByFirst()).as("first instance took part").isPositive();
        assertThat(race.sentBySecond()).as("second instance took part").isPositive();
    }

    @Test
    void theClaimOfACrashedInstanceExpiresAndAnotherInstanceSendsItsRows() {
        OutboxTestDatabase database = OutboxTestDatabase.h2();
        List<UUID> rows = database.insertPending(3, T0);
        MutableClock clock = new MutableClock(T0);
        // the crashed instance claimed the rows and died before sending them
        database.transactions().executeWithoutResult(status ->
                database.store().claim("crashed", T0, T0.plusSeconds(60), 10));
        RecordingKafka kafka = new RecordingKafka(0);
        OutboxRelay survivor = relay(database, kafka, "survivor", clock);

        clock.set(T0.plusSeconds(59));
        survivor.relay();
        assertThat(kafka.sent()).as("claim still valid").isEmpty();

        clock.set(T0.plusSeconds(61));
        survivor.relay();
        assertThat(kafka.sendsPerEventId()).containsOnlyKeys(rows.stream().map(UUID::toString).toList());
        assertThat(database.count("sent_at is null")).isZero();
        assertThat(database.count("claimed_by is not null")).isZero();
    }

    @Test
    void aRestartedInstanceReleasesTheClaimsItsPredecessorLeftBehindAtOnce() {
        OutboxTestDatabase database = OutboxTestDatabase.h2();
        database.insertPending(2, T0);
        database.transactions().executeWithoutResult(status ->
                database.store().claim("intake-host", T0, T0.plusSeconds(60), 10));
        RecordingKafka kafka = new RecordingKafka(0);

        relay(database, kafka, "intake-host", new MutableClock(T0.plusSeconds(1))).relay();

        assertThat(kafka.sent()).hasSize(2);
        assertThat(database.count("sent_at is null")).isZero();
    }

    @Test
    void aClaimedBatchIsNotClaimedAgainWhileItsClaimHolds() {
        OutboxTestDatabase database = OutboxTestDatabase.h2();
        database.insertPending(5, T0);
        OutboxStore store = database.store();

        int first = database.transactions().execute(status -> store.claim("a", T0, T0.plusSeconds(60), 3)).size();
        int second = database.transactions().execute(status -> store.claim("b", T0, T0.plusSeconds(60), 3)).size();

        assertThat(first).isEqualTo(3);
        assertThat(second).as("only the two rows nobody holds").isEqualTo(2);
        assertThat(database.count("claimed_by = 'a'")).isEqualTo(3);
        assertThat(database.count("claimed_by = 'b'")).isEqualTo(2);
    }

    private static OutboxRelay relay(OutboxTestDatabase database, RecordingKafka kafka, String instance,
                                     Clock clock) {
        return new OutboxRelay(database.store(), kafka, database.transactions(), new OutboxProperties.Relay(true,
                Duration.ofMillis(100), 100, Duration.ofSeconds(5), Duration.ofSeconds(60), instance), clock,
                new SimpleMeterRegistry(), TraceContexts.untraced());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
