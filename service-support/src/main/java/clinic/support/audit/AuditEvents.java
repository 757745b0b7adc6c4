package clinic.support.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

/**
 * The append-only {@code audit_event} table: this class only inserts and selects (on PostgreSQL a trigger also
 * refuses UPDATE, DELETE and TRUNCATE; on H2, the local mode's database, the code is the only guard).
 */
public class AuditEvents {

    static final int MAX_ROWS = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionOperations transaction;

    /** @param transaction writes each row in a transaction of its own, so it is as durable as the work it records */
    AuditEvents(JdbcClient jdbc, Clock clock, TransactionOperations transaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = transaction;
    }

    void record(String actor, String actorRole, String action, String objectId, AuditOutcome outcome,
                int httpStatus) {
        recordEach(actor, actorRole, action, Collections.singletonList(objectId), outcome, httpStatus);
    }

    /** One row per object (a null id: the request named none), all in one transaction. */
    void recordEach(String actor, String actorRole, String action, List<String> objectIds, AuditOutcome outcome,
                    int httpStatus) {
        // microseconds: what PostgreSQL keeps, so a row reads back as it was written
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        transaction.executeWithoutResult(status -> objectIds.forEach(objectId -> jdbc.sql(
                        "insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                                + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(now, clip(actor, 200), clip(actorRole, 60), action, objectId, outcome.name(), httpStatus)
                .update()));
    }

    /** Newest first, at most {@value #MAX_ROWS}; {@code role} (null for all) is one of a multi-role actor's roles. */
    List<AuditEvent> find(String objectId, String role) {
        String sql = "select occurred_at, actor, actor_role, action, object_id, outcome, http_status"
                + " from audit_event where object_id = :objectId"
                + (role == null ? "" : " and (',' || actor_role || ',') like :role")
                + " order by occurred_at desc, id desc fetch first " + MAX_ROWS + " rows only";
        JdbcClient.StatementSpec query = jdbc.sql(sql).param("objectId", objectId);
        if (role != null) {
            query = query.param("role", "%," + role + ",%");
        }
        return query.query((row, number) -> new AuditEvent(row.getObject("occurred_at", OffsetDateTime.class)
                .toInstant(), row.getString("actor"), row.getString("actor_role"), row.getString("action"),
                row.getString("object_id"), row.getString("outcome"), row.getInt("http_status"))).list();
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
