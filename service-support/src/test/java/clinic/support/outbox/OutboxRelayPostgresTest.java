package clinic.support.outbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two relays over one real PostgreSQL: the row locks of the claim keep them apart. */
class OutboxRelayPostgresTest {

    @Test
    void twoOutboxRelaysDrainABacklogOnPostgresqlWithNothingLostAndNothingSentTwice() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            RelayRace.Result race = RelayRace.drain(
                    OutboxTestDatabase.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "relay_race"),
                    500, 25);

            assertThat(race.pendingAfter()).isZero();
            assertThat(race.sendsPerEventId().keySet())
                    .containsExactlyInAnyOrderElementsOf(race.inserted().stream().map(UUID::toString).toList());
            assertThat(race.duplicates()).as("FOR UPDATE SKIP LOCKED keeps the claims apart").isZero();
            assertThat(race.sentByFirst()).isPositive();
            assertThat(race.sentBySecond()).isPositive();
        }
    }
}
