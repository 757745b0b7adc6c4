package clinic.support.outbox;

import clinic.events.OutgoingEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The relay's view of {@code outbox_event}, in plain SQL that runs unchanged on PostgreSQL and on H2
 * (MODE=PostgreSQL). A row is pending while {@code sent_at} is null; while {@code claimed_until} lies in
 * the future it belongs to the instance named in {@code claimed_by}.
 */
class OutboxStore {

    private static final String CLAIMABLE = """
            select id, topic, message_key, event_type, source, occurred_at, data_schema, payload, extensions,
                   trace_parent
            from outbox_event
            where sent_at is null and (claimed_until is null or claimed_until < :now)
            order by created_at, id
            limit :limit
            for update skip locked""";

    private static final RowMapper<Claimed> CLAIMED = (rs, row) -> new Claimed(event(rs), rs.getString("trace_parent"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> EXTENSIONS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A claimed row: the event and the trace it continues (null when its writer was not traced). */
    record Claimed(OutgoingEvent event, String traceParent) {
    }

    /** Inserts a pending row; in the caller's transaction when there is one. */
    void insert(OutgoingEvent event, Instant createdAt, String traceParent) {
        jdbc.update("""
                insert into outbox_event (id, topic, message_key, event_type, source, occurred_at, data_schema,
                                          payload, extensions, created_at, trace_parent)
                values (:id, :topic, :key, :type, :source, :occurredAt, :dataSchema, :payload, :extensions,
                        :createdAt, :traceParent)""",
                new MapSqlParameterSource("id", event.id()).addValue("topic", event.topic())
                        .addValue("key", event.key()).addValue("type", event.type())
                        .addValue("source", event.source()).addValue("occurredAt", at(event.time()))
                        .addValue("dataSchema", event.dataSchema())
                        .addValue("payload", new String(event.payload(), StandardCharsets.UTF_8))
                        .addValue("extensions", extensionsColumn(event.extensions()))
                        .addValue("createdAt", at(createdAt)).addValue("traceParent", traceParent));
    }

    /** Every row stored under one message key, oldest first. */
    List<OutboxEntry> entriesFor(String key) {
        return jdbc.query("""
                select id, topic, message_key, event_type, payload, sent_at from outbox_event
                where message_key = :key order by created_at, id""", Map.of("key", key),
                (rs, row) -> new OutboxEntry(rs.getObject("id", UUID.class), rs.getString("topic"),
                        rs.getString("message_key"), rs.getString("event_type"), rs.getString("payload"),
                        instant(rs.getObject("sent_at", OffsetDateTime.class))));
    }

    /**
     * Claims up to {@code limit} pending, unclaimed (or expired) rows, oldest first, for {@code owner} until
     * {@code until}. Must run in a transaction: the row locks taken by {@code FOR UPDATE SKIP LOCKED} keep a
     * concurrent claim off the same rows until the claim columns are committed.
     */
    List<Claimed> claim(String owner, Instant now, Instant until, int limit) {
        List<Claimed> batch = jdbc.query(CLAIMABLE, Map.of("now", at(now), "limit", limit), CLAIMED);
        if (!batch.isEmpty()) {
            jdbc.update("update outbox_event set claimed_by = :owner, claimed_until = :until where id in (:ids)",
                    new MapSqlParameterSource("owner", owner).addValue("until", at(until))
                            .addValue("ids", batch.stream().map(claimed -> claimed.event().id()).toList()));
        }
        return batch;
    }

    /** Marks rows sent (Kafka acknowledged them); a row already marked keeps its first {@code sent_at}. */
    int markSent(Collection<UUID> ids, Instant sentAt) {
        return jdbc.update("""
                update outbox_event set sent_at = :sentAt, claimed_by = null, claimed_until = null
                where id in (:ids) and sent_at is null""",
                new MapSqlParameterSource("sentAt", at(sentAt)).addValue("ids", ids));
    }

    /** Gives up this owner's claim on rows it could not send, so the next round (of any instance) retries them. */
    int release(Collection<UUID> ids, String owner) {
        return jdbc.update("""
                update outbox_event set claimed_by = null, claimed_until = null
                where id in (:ids) and claimed_by = :owner and sent_at is null""",
                new MapSqlParameterSource("ids", ids).addValue("owner", owner));
    }

    /** Releases every claim held under this owner's name: left behind by a predecessor that crashed. */
    int releaseAllOf(String owner) {
        return jdbc.update("""
                update outbox_event set claimed_by = null, claimed_until = null
                where claimed_by = :owner and sent_at is null""", Map.of("owner", owner));
    }

    /** Deletes rows sent before {@code cutoff}; pending rows are never purged. */
    int purgeSentBefore(Instant cutoff) {
        return jdbc.update("delete from outbox_event where sent_at < :cutoff", Map.of("cutoff", at(cutoff)));
    }

    /** How many rows wait to be sent, and when the oldest of them was written. */
    OutboxBacklog backlog() {
        return jdbc.query("select count(*) as pending, min(created_at) as oldest from outbox_event "
                + "where sent_at is null", Map.of(), (ResultSet rs) -> {
            rs.next();
            return new OutboxBacklog(rs.getLong("pending"), instant(rs.getObject("oldest", OffsetDateTime.class)));
        });
    }

    private static OutgoingEvent event(ResultSet rs) throws SQLException {
        return new OutgoingEvent(rs.getObject("id", UUID.class), rs.getString("topic"), rs.getString("message_key"),
                rs.getString("event_type"), rs.getString("source"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("data_schema"),
                rs.getString("payload").getBytes(StandardCharsets.UTF_8), extensions(rs.getString("extensions")));
    }

    private static String extensionsColumn(Map<String, String> extensions) {
        return extensions.isEmpty() ? null : JSON.writeValueAsString(extensions);
    }

    private static Map<String, String> extensions(String column) {
        return column == null ? Map.of() : JSON.readValue(column, EXTENSIONS);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
