package clinic.support.outbox;

import clinic.support.schema.SupportSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox table on its own: a database migrated with the library's scripts, no Spring context.
 * Works on a fresh in-memory H2 (as in local mode) or on any other migrated database (PostgreSQL).
 */
public final class OutboxTestDatabase {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    private OutboxTestDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A new, empty in-memory H2 database in PostgreSQL mode, migrated. */
    public static OutboxTestDatabase h2() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:outbox-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        SupportSchema.migrate(dataSource);
        return new OutboxTestDatabase(dataSource);
    }

    /**
     * A fresh schema of its own on a PostgreSQL server (so that no running application relay sees its rows),
     * migrated.
     */
    public static OutboxTestDatabase postgres(String jdbcUrl, String user, String schema) {
        new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, user, "")).execute("create schema if not exists " + schema);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, "");
        SupportSchema.migrate(dataSource);
        return new OutboxTestDatabase(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    OutboxStore store() {
        return new OutboxStore(jdbc);
    }

    TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Inserts {@code count} pending rows written one millisecond apart from {@code from}; returns their ids. */
    public List<UUID> insertPending(int count, Instant from) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            Timestamp at = Timestamp.from(from.plusMillis(i));
            jdbc.update("insert into outbox_event (id, topic, message_key, event_type, source, occurred_at, "
                            + "data_schema, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, "clinic.symptom-reports.v1", UUID.randomUUID().toString(),
                    "clinic.intake.symptom-report-submitted.v1", "/clinic/intake-service", at,
                    "urn:clinic:schema:clinic.intake.symptom-report-submitted.v1", "{\"n\":" + i + "}", at);
            ids.add(id);
        }
        return ids;
    }

    public long count(String where, Object... args) {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where " + where, Long.class, args);
        return count == null ? 0 : count;
    }
}
