package clinic.triage.audit;

import clinic.triage.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The append-only audit table: this class only inserts and reads (on PostgreSQL a trigger also refuses
 * UPDATE and DELETE; on H2 nothing but this code guards it).
 */
@Component
public class AuditLog {

    static final int MAX_RESULTS = 500;

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Writes one row; a failure is logged (ids only) and swallowed, so it never changes the answer. */
    void record(Actor actor, String action, String objectId, int httpStatus) {
        AuditOutcome outcome = AuditOutcome.of(httpStatus);
        try {
            jdbc.sql("""
                    insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), cut(actor.name(), 200),
                            cut(actor.role(), 60), action, objectId, outcome.name(), httpStatus)
                    .update();
        } catch (RuntimeException e) {
            log.error("Could not write audit event {} {} for object {}: {}", action, outcome, objectId,
                    e.getClass().getName());
        }
    }

    /** Newest first, at most {@value #MAX_RESULTS}; {@code role} (optional) matches one of the actor's roles. */
    List<AuditEntry> find(String objectId, String role) {
        String sql = "select occurred_at, actor, actor_role, action, object_id, outcome, http_status"
                + " from audit_event where object_id = :objectId"
                + (role == null ? "" : " and (',' || actor_role || ',') like :role")
                + " order by occurred_at desc, id desc limit " + MAX_RESULTS;
        JdbcClient.StatementSpec query = jdbc.sql(sql).param("objectId", objectId);
        if (role != null) {
            query = query.param("role", "%," + role + ",%");
        }
        return query.query(AuditLog::entry).list();
    }

    private static AuditEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new AuditEntry(row.getObject("occurred_at", OffsetDateTime.class).toInstant(), row.getString("actor"),
                row.getString("actor_role"), row.getString("action"), row.getString("object_id"),
                row.getString("outcome"), row.getInt("http_status"));
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
