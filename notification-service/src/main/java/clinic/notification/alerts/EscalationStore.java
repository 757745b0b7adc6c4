package clinic.notification.alerts;

import clinic.notification.log.Priority;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The escalation columns of {@code notification}, in SQL that runs on PostgreSQL and H2 alike. */
@Component
class EscalationStore {

    record DueAlert(UUID alertId, int level, Priority priority) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    EscalationStore(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Open alerts whose deadline has passed, earliest deadline first. */
    List<DueAlert> due(Instant now, int limit) {
        return jdbc.query("""
                select notification_id, escalation_level, priority from notification
                where kind = 'CLINICIAN_ALERT' and acknowledged_at is null and next_escalation_at <= :now
                order by next_escalation_at, notification_id
                limit :limit""", Map.of("now", now.atOffset(ZoneOffset.UTC), "limit", limit),
                (rs, row) -> new DueAlert(rs.getObject("notification_id", UUID.class), rs.getInt("escalation_level"),
                        Priority.valueOf(rs.getString("priority"))));
    }

    /**
     * Moves the alert from {@code level} to {@code level + 1} if it is still open, still at that level and
     * still due. Of several instances trying the same alert, exactly one sees 1 row updated; the others 0.
     */
    boolean escalate(DueAlert alert, Instant now, Instant nextDeadline) {
        return jdbc.update("""
                update notification
                set escalation_level = :next, escalated_at = :now, next_escalation_at = :deadline
                where notification_id = :id and escalation_level = :level and acknowledged_at is null
                  and next_escalation_at <= :now""",
                new MapSqlParameterSource("id", alert.alertId()).addValue("level", alert.level())
                        .addValue("next", alert.level() + 1).addValue("now", now.atOffset(ZoneOffset.UTC))
                        .addValue("deadline", nextDeadline.atOffset(ZoneOffset.UTC))) == 1;
    }
}
