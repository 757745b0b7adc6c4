package clinic.support.audit;

import org.springframework.transaction.support.TransactionOperations;
import clinic.support.schema.SupportSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail on a real PostgreSQL, migrated by the library's own scripts: rows read back as written,
 * newest first, by role; and the trail cannot be rewritten, not even by the service's own user.
 */
class AuditEventsOnPostgresTest {

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
        SupportSchema.migrate(postgres.getPostgresDatabase());
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void rowsReadBackNewestFirstAndByOneOfTheActorsRoles() {
        String objectId = UUID.randomUUID().toString();
        Instant first = Instant.parse("2026-03-01T10:15:30.123456Z");
        events(first).record("dr-a", "CLINICIAN", "RECORD_READ", objectId, AuditOutcome.ALLOWED, 200);
        events(first.plusSeconds(1)).record("p-1", "PATIENT", "RECORD_READ", objectId, AuditOutcome.DENIED, 403);
        events(first.plusSeconds(2)).record("dr-b", "CLINICIAN,OPS", "RECORD_READ", objectId, AuditOutcome.ALLOWED,
                200);
        events(first.plusSeconds(3)).record("ops-1", "OPS", "AUDIT_READ", objectId, AuditOutcome.ALLOWED, 200);

        List<AuditEvent> clinicians = events(first).find(objectId, "CLINICIAN");

        assertThat(clinicians).extracting(AuditEvent::actor).containsExactly("dr-b", "dr-a");
        assertThat(clinicians.get(1)).isEqualTo(new AuditEvent(first, "dr-a", "CLINICIAN", "RECORD_READ", objectId,
                "ALLOWED", 200));
        assertThat(events(first).find(objectId, "OPS")).extracting(AuditEvent::actor).containsExactly("ops-1", "dr-b");
        assertThat(events(first).find(objectId, "ATIENT")).as("a whole role, not part of one").isEmpty();
        assertThat(events(first).find(objectId, null)).hasSize(4);
    }

    @Test
    void theTrailRefusesUpdatesDeletesAndTruncation() {
        String objectId = UUID.randomUUID().toString();
        events(Instant.now()).record("dr-a", "CLINICIAN", "RECORD_READ", objectId, AuditOutcome.ALLOWED, 200);

        assertThatThrownBy(() -> jdbc.sql("update audit_event set outcome = 'DENIED' where object_id = ?")
                .param(objectId).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where object_id = ?").param(objectId).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select outcome from audit_event where object_id = ?").param(objectId)
                .query(String.class).list()).containsExactly("ALLOWED");
    }

    private static AuditEvents events(Instant now) {
        return new AuditEvents(jdbc, Clock.fixed(now, ZoneOffset.UTC), TransactionOperations.withoutTransaction());
    }
}
