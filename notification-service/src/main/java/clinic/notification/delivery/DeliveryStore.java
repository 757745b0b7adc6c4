package clinic.notification.delivery;

import clinic.notification.log.NotificationKind;
import clinic.notification.log.Priority;
import clinic.support.tracing.TraceContexts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

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
 * The {@code delivery} and {@code delivery_attempt} tables in plain SQL that runs unchanged on PostgreSQL
 * and H2 (MODE=PostgreSQL). A delivery is due while PENDING with {@code next_attempt_at <= now}; while
 * {@code claimed_until} lies in the future it belongs to the instance named in {@code claimed_by}.
 */
@Component
class DeliveryStore {

    private static final String CLAIMABLE = """
            select delivery_id from delivery
            where status = 'PENDING' and recipient in (:recipients) and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
            order by next_attempt_at, delivery_id
            limit :limit
            for update skip locked""";

    private static final String TASKS = """
            select d.delivery_id, d.channel, d.recipient, d.escalation_level, d.attempts, d.trace_parent,
                   n.notification_id, n.report_id, n.kind, n.priority, n.content, n.created_at
            from delivery d join notification n on n.notification_id = d.notification_id
            where d.delivery_id in (:ids)
            order by d.next_attempt_at, d.delivery_id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TraceContexts traces;

    DeliveryStore(JdbcTemplate jdbc, TraceContexts traces) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.traces = traces;
    }

    /** Deliveries not finished yet: due now, waiting out a back-off, or being sent. */
    long countPending() {
        Long pending = jdbc.getJdbcTemplate().queryForObject("select count(*) from delivery where status = 'PENDING'",
                Long.class);
        return pending == null ? 0 : pending;
    }

    /**
     * Inserts a PENDING delivery due now, in the trace of the caller; the unique key (notification, channel, level)
     * refuses a second.
     */
    void insert(UUID notificationId, DeliveryChannel channel, Recipient recipient, int level, Instant now) {
        jdbc.update("""
                insert into delivery (delivery_id, notification_id, channel, recipient, escalation_level, status,
                                      attempts, next_attempt_at, created_at, trace_parent)
                values (:id, :notificationId, :channel, :recipient, :level, 'PENDING', 0, :now, :now, :traceParent)""",
                new MapSqlParameterSource("id", UUID.randomUUID()).addValue("notificationId", notificationId)
                        .addValue("channel", channel.name()).addValue("recipient", recipient.name())
                        .addValue("level", level).addValue("now", at(now))
                        .addValue("traceParent", traces.currentTraceParent()));
    }

    /**
     * Claims up to {@code limit} due deliveries to {@code recipients} for {@code owner} until {@code until}. Must
     * run in a transaction: {@code FOR UPDATE SKIP LOCKED} keeps other instances (and the other lane) off these
     * rows until the claim commits. The recipient filter is the dispatcher's lane (index
     * {@code ix_delivery_due_by_recipient}), so an urgent claim never scans a routine backlog.
     */
    List<DeliveryTask> claim(String owner, Instant now, Instant until, int limit, Collection<Recipient> recipients) {
        List<UUID> ids = jdbc.queryForList(CLAIMABLE, new MapSqlParameterSource("now", at(now)).addValue("limit", limit)
                .addValue("recipients", recipients.stream().map(Recipient::name).toList()), UUID.class);
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.update("update delivery set claimed_by = :owner, claimed_until = :until where delivery_id in (:ids)",
                new MapSqlParameterSource("owner", owner).addValue("until", at(until)).addValue("ids", ids));
        return jdbc.query(TASKS, Map.of("ids", ids), DeliveryStore::task);
    }

    /** Records one attempt; no message text and no address, only the outcome and an error class. */
    void recordAttempt(DeliveryTask task, Instant attemptedAt, Outcome outcome, String errorClass) {
        jdbc.update("""
                insert into delivery_attempt (attempt_id, delivery_id, channel, attempt_number, attempted_at,
                                              outcome, error_class)
                values (:id, :deliveryId, :channel, :number, :at, :outcome, :errorClass)""",
                new MapSqlParameterSource("id", UUID.randomUUID()).addValue("deliveryId", task.deliveryId())
                        .addValue("channel", task.channel().name()).addValue("number", task.attemptNumber())
                        .addValue("at", at(attemptedAt)).addValue("outcome", outcome.name())
                        .addValue("errorClass", errorClass));
        jdbc.update("update notification set attempts = attempts + 1 where notification_id = :id",
                Map.of("id", task.notificationId()));
    }

    /**
     * @return false if this owner no longer holds the claim (it expired and another instance took over); then
     * nothing is written
     */
    boolean markDelivered(DeliveryTask task, String owner, Instant at) {
        int updated = jdbc.update("""
                update delivery set status = 'DELIVERED', attempts = :attempts, delivered_at = :at,
                       last_error_class = null, claimed_by = null, claimed_until = null
                where delivery_id = :id and claimed_by = :owner and status = 'PENDING'""",
                new MapSqlParameterSource("id", task.deliveryId()).addValue("owner", owner)
                        .addValue("attempts", task.attemptNumber()).addValue("at", at(at)));
        if (updated != 1) {
            return false; // nothing else is touched: the batch that calls this commits the other rows' outcomes
        }
        jdbc.update("""
                update notification set status = 'DELIVERED', delivered_at = coalesce(delivered_at, :at)
                where notification_id = :id""",
                new MapSqlParameterSource("id", task.notificationId()).addValue("at", at(at)));
        return true;
    }

    /** Keeps the delivery PENDING, due again at {@code nextAttemptAt}, and releases the claim. */
    boolean reschedule(DeliveryTask task, String owner, Instant nextAttemptAt, String errorClass) {
        return jdbc.update("""
                update delivery set attempts = :attempts, next_attempt_at = :next, last_error_class = :errorClass,
                       claimed_by = null, claimed_until = null
                where delivery_id = :id and claimed_by = :owner and status = 'PENDING'""",
                new MapSqlParameterSource("id", task.deliveryId()).addValue("owner", owner)
                        .addValue("attempts", task.attemptNumber()).addValue("next", at(nextAttemptAt))
                        .addValue("errorClass", errorClass)) == 1;
    }

    /**
     * Gives the delivery up; the notification is FAILED once none of its deliveries can still succeed. @return
     * false, writing nothing, if this owner no longer holds the claim
     */
    boolean markFailed(DeliveryTask task, String owner, String errorClass) {
        int updated = jdbc.update("""
                update delivery set status = 'FAILED', attempts = :attempts, last_error_class = :errorClass,
                       claimed_by = null, claimed_until = null
                where delivery_id = :id and claimed_by = :owner and status = 'PENDING'""",
                new MapSqlParameterSource("id", task.deliveryId()).addValue("owner", owner)
                        .addValue("attempts", task.attemptNumber()).addValue("errorClass", errorClass));
        if (updated != 1) {
            return false; // as in markDelivered: a lost lease changes nothing
        }
        jdbc.update("""
                update notification set status = 'FAILED'
                where notification_id = :id and status = 'PENDING'
                  and not exists (select 1 from delivery d
                                  where d.notification_id = :id and d.status <> 'FAILED')""",
                Map.of("id", task.notificationId()));
        return true;
    }

    /**
     * Makes an open alert due to escalate now, if it is still at the level of the delivery that failed (a
     * stale failure of an earlier level must not escalate it twice). @return whether it was moved
     */
    boolean escalateNow(UUID alertId, int level, Instant now) {
        return jdbc.update("""
                update notification set next_escalation_at = :now
                where notification_id = :id and kind = 'CLINICIAN_ALERT' and acknowledged_at is null
                  and escalation_level = :level""",
                new MapSqlParameterSource("id", alertId).addValue("level", level).addValue("now", at(now))) == 1;
    }

    private static DeliveryTask task(ResultSet rs, int row) throws SQLException {
        return new DeliveryTask(rs.getObject("delivery_id", UUID.class), rs.getObject("notification_id", UUID.class),
                rs.getObject("report_id", UUID.class), NotificationKind.valueOf(rs.getString("kind")),
                Priority.valueOf(rs.getString("priority")), rs.getString("content"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                DeliveryChannel.valueOf(rs.getString("channel")), Recipient.valueOf(rs.getString("recipient")),
                rs.getInt("escalation_level"), rs.getInt("attempts") + 1, rs.getString("trace_parent"));
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
