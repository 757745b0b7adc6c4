package clinic.support.schema;

import clinic.support.testing.PreSupportDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared tables' migrations on an empty database and on databases that the services' own (pre-library)
 * migrations created, on H2 (local mode) and on a real PostgreSQL: every row written before is still there
 * afterwards, unchanged, and the tables work as the library expects.
 */
class SupportSchemaTest {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void createsTheSharedTablesOnAnEmptyH2Database() {
        DataSource h2 = h2();

        SupportSchema.migrate(h2);

        JdbcTemplate jdbc = new JdbcTemplate(h2);
        assertThat(appliedVersions(jdbc)).containsExactly("1", "2", "3", "5", "6", "7");
        assertThat(countRows(jdbc, "outbox_event") + countRows(jdbc, "processed_message")
                + countRows(jdbc, "audit_event")).isZero();
    }

    @Test
    void createsTheSharedTablesAndTheAppendOnlyTriggerOnAnEmptyPostgresql() {
        DataSource database = postgresDatabase("fresh");

        SupportSchema.migrate(database);

        JdbcTemplate jdbc = new JdbcTemplate(database);
        assertThat(appliedVersions(jdbc)).containsExactly("1", "2", "3", "4", "5", "6", "7");
        insertAuditRow(jdbc, "8b9e3f52-1d55-4a7e-9d3c-0f7b6a2e4c11");
        assertAppendOnly(jdbc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake", "triage", "notification"})
    void upgradesADatabaseOfTheServicesOwnMigrationsOnH2KeepingEveryRow(String service) {
        String url = "jdbc:h2:mem:pre-support-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        PreSupportDatabase before = PreSupportDatabase.create(url, "sa", service, "h2");
        Rows written = Rows.write(before.jdbc(), !service.equals("notification"));

        SupportSchema.migrate(before.dataSource());

        JdbcTemplate jdbc = before.jdbc();
        assertThat(appliedVersions(jdbc)).as("baselined at 0, then every script").containsExactly("0", "1", "2", "3", "5", "6", "7");
        written.assertStillThere(jdbc);
        written.assertTheOutboxWorks(jdbc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake", "triage", "notification"})
    void upgradesADatabaseOfTheServicesOwnMigrationsOnPostgresqlKeepingEveryRow(String service) {
        DataSource database = postgresDatabase("pre_support_" + service);
        PreSupportDatabase before = PreSupportDatabase.create(postgres.getJdbcUrl("postgres", "pre_support_" + service),
                "postgres", service, "postgresql");
        Rows written = Rows.write(before.jdbc(), !service.equals("notification"));

        SupportSchema.migrate(database);

        JdbcTemplate jdbc = new JdbcTemplate(database);
        assertThat(appliedVersions(jdbc)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        written.assertStillThere(jdbc);
        written.assertTheOutboxWorks(jdbc);
        assertAppendOnly(jdbc);
        assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'outbox_event' "
                + "and indexdef like '%(sent_at%'", String.class))
                .as("one index per purpose, whatever the service named them before")
                .containsExactlyInAnyOrder("outbox_event_pending_idx", "outbox_event_sent_idx");
        assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'audit_event' "
                + "and indexdef like '%(object_id)%'", String.class)).containsExactly("audit_event_object_id");
    }

    @Test
    void runningTheMigrationsAgainChangesNothing() {
        DataSource h2 = h2();
        SupportSchema.migrate(h2);

        assertThat(SupportSchema.migrate(h2).migrationsExecuted).isZero();
    }

    /** Rows in each shared table, as the services wrote them before the library. */
    record Rows(UUID outboxId, UUID eventId, String auditObject, boolean withOutbox) {

        static Rows write(JdbcTemplate jdbc, boolean withOutbox) {
            Rows rows = new Rows(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID().toString(), withOutbox);
            if (withOutbox) {
                jdbc.update("insert into outbox_event (id, topic, message_key, event_type, source, occurred_at, "
                                + "data_schema, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows.outboxId, "clinic.symptom-reports.v1", "key-1", "clinic.intake.symptom-report-submitted.v1",
                        "/clinic/intake-service", Timestamp.from(T0), "urn:clinic:schema:x", "{\"painScore\":5}",
                        Timestamp.from(T0));
            }
            jdbc.update("insert into processed_message (consumer, event_id, processed_at) values (?, ?, ?)",
                    "some-consumer", rows.eventId, Timestamp.from(T0));
            insertAuditRow(jdbc, rows.auditObject);
            return rows;
        }

        void assertStillThere(JdbcTemplate jdbc) {
            if (withOutbox) {
                Map<String, Object> outbox = jdbc.queryForMap("select topic, message_key, payload, sent_at "
                        + "from outbox_event where id = ?", outboxId);
                assertThat(outbox.get("message_key")).isEqualTo("key-1");
                assertThat(String.valueOf(outbox.get("payload"))).isEqualTo("{\"painScore\":5}");
                assertThat(outbox.get("sent_at")).as("still pending").isNull();
            }
            assertThat(jdbc.queryForObject("select count(*) from processed_message where consumer = ? and event_id = ?",
                    Long.class, "some-consumer", eventId)).isEqualTo(1L);
            assertThat(jdbc.queryForObject("select actor from audit_event where object_id = ?", String.class,
                    auditObject)).isEqualTo("patient-1");
        }

        /** The relay's claim columns and a fresh insert work on the upgraded table. */
        void assertTheOutboxWorks(JdbcTemplate jdbc) {
            UUID fresh = UUID.randomUUID();
            jdbc.update("insert into outbox_event (id, topic, message_key, event_type, source, occurred_at, "
                            + "data_schema, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    fresh, "t", "k", "e", "s", Timestamp.from(T0), "d", "{}", Timestamp.from(T0));
            assertThat(jdbc.update("update outbox_event set claimed_by = 'relay-1', claimed_until = ? "
                    + "where sent_at is null", Timestamp.from(T0.plusSeconds(60)))).isEqualTo(withOutbox ? 2 : 1);
        }
    }

    private static void insertAuditRow(JdbcTemplate jdbc, String objectId) {
        jdbc.update("insert into audit_event (occurred_at, actor, actor_role, action, object_id, outcome, http_status) "
                + "values (?, ?, ?, ?, ?, ?, ?)", Timestamp.from(T0), "patient-1", "PATIENT", "REPORT_READ", objectId,
                "ALLOWED", 200);
    }

    private static void assertAppendOnly(JdbcTemplate jdbc) {
        assertThatThrownBy(() -> jdbc.update("update audit_event set outcome = 'DENIED'"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    }

    private static List<String> appliedVersions(JdbcTemplate jdbc) {
        return jdbc.queryForList("select version from " + SupportSchema.HISTORY_TABLE
                + " where success and version is not null order by installed_rank", String.class);
    }

    private static long countRows(JdbcTemplate jdbc, String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }

    private static DataSource h2() {
        return new DriverManagerDataSource("jdbc:h2:mem:support-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** A database of its own on the embedded server, so the cases never see each other's tables. */
    private static DataSource postgresDatabase(String name) {
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + name);
        return new DriverManagerDataSource(postgres.getJdbcUrl("postgres", name), "postgres", "");
    }
}
