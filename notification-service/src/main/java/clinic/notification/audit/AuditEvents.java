package clinic.notification.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The append-only audit table: inserts and reads, never updates or deletes. */
@Repository
public class AuditEvents {

    static final int MAX_RESULTS = 500;

    private final JdbcClient jdbc;

    AuditEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(AuditEvent event) {
        jdbc.sql("""
                        insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(event.occurredAt()), event.actor(), event.role(), event.action(),
                        event.objectId(), event.outcome(), event.httpStatus())
                .update();
    }

    /** Newest first, at most {@value #MAX_RESULTS}; {@code role} matches one of a multi-role actor's roles. */
    List<AuditEvent> find(String objectId, String role) {
        String sql = "select occurred_at, actor, actor_role, action, object_id, outcome, http_status "
                + "from audit_event where object_id = :objectId"
                + (role == null ? "" : " and (',' || actor_role || ',') like :role")
                + " order by occurred_at desc, id desc fetch first " + MAX_RESULTS + " rows only";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("objectId", objectId);
        if (role != null) {
            statement = statement.param("role", "%," + role + ",%");
        }
        return statement.query((rs, n) -> new AuditEvent(rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"), rs.getString("actor_role"), rs.getString("action"),
                rs.getString("object_id"), rs.getString("outcome"), rs.getInt("http_status"))).list();
    }

    /** One audit row; field names are those of the ops endpoint's JSON. */
    record AuditEvent(Instant occurredAt, String actor, String role, String action, String objectId,
                      String outcome, int httpStatus) {
    }
}
