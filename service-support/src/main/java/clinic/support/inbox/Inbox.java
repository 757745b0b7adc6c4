package clinic.support.inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The idempotent-consumer guard: one {@code processed_message} row per (consumer, event id), inserted in the
 * handler's transaction, so the row commits if and only if the handler's work commits and a redelivered
 * event (same {@code ce_id}) is recognised.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the event as processed by {@code consumer}, within the current transaction. Two concurrent
     * deliveries of one event may both find no row, but the primary key lets only one of them commit; the
     * other's transaction fails and its redelivery then finds the row.
     *
     * @return false if it was processed before (a redelivery: do nothing)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        // one statement: the row goes in unless it is there already (0 rows inserted: a redelivery)
        int inserted = jdbc.sql("""
                        insert into processed_message (consumer, event_id, processed_at)
                        select ?, ?, ? where not exists
                            (select 1 from processed_message where consumer = ? and event_id = ?)""")
                .params(consumer, eventId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), consumer, eventId)
                .update();
        return inserted == 1;
    }
}
