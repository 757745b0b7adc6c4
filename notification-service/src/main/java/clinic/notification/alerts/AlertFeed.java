package clinic.notification.alerts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only {@code alert_feed}: one row per alert raised, escalated or acknowledged, written in the
 * transaction that does it. The feed id is taken from the locked row of {@code alert_feed_sequence}, held
 * until commit, so feed ids become visible strictly in order: a reader that has seen id n never later
 * finds an id below n (which an identity column, committed out of order, would allow).
 * <p>
 * Appending nudges this instance's {@link AlertStream} once the transaction commits, so the dashboard gets the
 * entry at once instead of at the stream's next poll (which remains, for other instances' entries). The push reads
 * the table like a poll does, so the ordering above holds for it too.
 */
@Component
class AlertFeed {

    record Entry(long feedId, UUID alertId, FeedEvent event) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    // A provider: the stream reads this feed, so it cannot be a constructor argument of it.
    private final ObjectProvider<AlertStream> stream;

    AlertFeed(JdbcTemplate jdbc, Clock clock, ObjectProvider<AlertStream> stream) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        this.stream = stream;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long append(UUID alertId, FeedEvent event) {
        jdbc.update("update alert_feed_sequence set last_id = last_id + 1 where sequence_id = 1", Map.of());
        long feedId = jdbc.queryForObject("select last_id from alert_feed_sequence where sequence_id = 1",
                Map.of(), Long.class);
        jdbc.update("""
                insert into alert_feed (feed_id, alert_id, event_type, created_at)
                values (:feedId, :alertId, :event, :at)""",
                new MapSqlParameterSource("feedId", feedId).addValue("alertId", alertId)
                        .addValue("event", event.name()).addValue("at", clock.instant().atOffset(ZoneOffset.UTC)));
        // Push on commit (one nudge per transaction, however many rows it appends); before the commit the
        // entry would be invisible to the stream's read.
        stream.ifAvailable(AlertStream::nudgeAfterCommit);
        return feedId;
    }

    /** Entries after {@code feedId}, oldest first. */
    List<Entry> after(long feedId, int limit) {
        return jdbc.query("select feed_id, alert_id, event_type from alert_feed where feed_id > :after "
                        + "order by feed_id limit :limit", Map.of("after", feedId, "limit", limit),
                (rs, row) -> new Entry(rs.getLong("feed_id"), rs.getObject("alert_id", UUID.class),
                        FeedEvent.valueOf(rs.getString("event_type"))));
    }

    long lastId() {
        Long last = jdbc.queryForObject("select max(feed_id) from alert_feed", Map.of(), Long.class);
        return last == null ? 0 : last;
    }
}
