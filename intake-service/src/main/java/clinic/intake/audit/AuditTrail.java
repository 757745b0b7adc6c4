package clinic.intake.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only {@code audit_event} table: this class only inserts and selects (on PostgreSQL a trigger
 * also refuses UPDATE and DELETE; on H2, the local mode's database, the code is the only guard).
 * Rows hold ids, roles and outcomes only, never names, emails or free text.
 */
@Component
public class AuditTrail {

    static final int MAX_ROWS = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String actor, String actorRole, AuditAction action, String objectId, AuditOutcome outcome,
            int httpStatus) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), clip(actor, 200), clip(actorRole, 60),
                        action.name(), objectId, outcome.name(), httpStatus)
                .update();
    }

    /** Newest first, at most {@value #MAX_ROWS}; {@code role} null for every role. */
    List<AuditEventView> find(String objectId, String role) {
        String byRole = role == null ? "" : " and (actor_role = :role or actor_role like :roleInList)";
        JdbcClient.StatementSpec query = jdbc.sql("select occurred_at, actor, actor_role, action, object_id, "
                        + "outcome, http_status from audit_event where object_id = :objectId" + byRole
                        + " order by occurred_at desc, id desc fetch first " + MAX_ROWS + " rows only")
                .param("objectId", objectId);
        if (role != null) {
            query = query.param("role", role).param("roleInList", "%" + role + "%");
        }
        return query.query((row, number) -> new AuditEventView(
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(), row.getString("actor"),
                row.getString("actor_role"), row.getString("action"), row.getString("object_id"),
                row.getString("outcome"), row.getInt("http_status"))).list();
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
