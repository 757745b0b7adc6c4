package clinic.support.outbox;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxPurgeTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void purgesOnlySentRowsOlderThanTheRetention() {
        OutboxTestDatabase database = OutboxTestDatabase.h2();
        List<UUID> rows = database.insertPending(4, NOW.minus(Duration.ofDays(30)));
        sent(database, rows.get(0), NOW.minus(Duration.ofDays(8)));
        sent(database, rows.get(1), NOW.minus(Duration.ofDays(6)));
        sent(database, rows.get(2), NOW.minus(Duration.ofDays(7)).plusSeconds(1));
        // rows.get(3): never sent, 30 days old: kept whatever its age

        int purged = new OutboxPurge(database.store(), Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC)).purge();

        assertThat(purged).isEqualTo(1);
        assertThat(database.jdbc().queryForList("select id from outbox_event", UUID.class))
                .containsExactlyInAnyOrder(rows.get(1), rows.get(2), rows.get(3));
    }

    private static void sent(OutboxTestDatabase database, UUID id, Instant at) {
        database.jdbc().update("update outbox_event set sent_at = ? where id = ?", Timestamp.from(at), id);
    }
}
