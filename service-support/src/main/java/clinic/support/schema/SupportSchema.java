package clinic.support.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;

/**
 * The tables of the shared mechanisms ({@code outbox_event}, {@code processed_message}, {@code audit_event}),
 * migrated from {@code db/support/} by a Flyway of their own with its own history table, so their versions
 * never mix with a service's versions.
 * <p>
 * It runs after the service's migrations and baselines at version 0 when the schema already holds tables:
 * databases created before this library already have the shared tables (the services' earlier migrations
 * made them), and the scripts here are written to find them in place ({@code if not exists}).
 */
public final class SupportSchema {

    /** Flyway's history of the shared tables; the service's own history stays in {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "support_schema_history";

    private static final String LOCATION = "classpath:db/support/";

    private SupportSchema() {
    }

    /** Migrates the shared tables with the settings of the service's own Flyway (data source, schemas, ...). */
    public static MigrateResult migrate(Flyway serviceFlyway) {
        Configuration service = serviceFlyway.getConfiguration();
        return migrate(Flyway.configure(service.getClassLoader()).configuration(service));
    }

    /** Migrates the shared tables of a database on its own (tests, tools). */
    public static MigrateResult migrate(DataSource dataSource) {
        return migrate(Flyway.configure(SupportSchema.class.getClassLoader()).dataSource(dataSource));
    }

    private static MigrateResult migrate(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration
                .table(HISTORY_TABLE)
                .locations(LOCATION + "common", LOCATION + vendor(configuration.getDataSource()))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .ignoreMigrationPatterns("*:future")
                .load()
                .migrate();
    }

    /** {@code h2} or {@code postgresql}: the folder of the vendor's own scripts, as Boot's {@code {vendor}}. */
    static String vendor(DataSource dataSource) {
        try {
            String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
            return DatabaseDriver.fromJdbcUrl(url).getId();
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the shared tables live in", e);
        }
    }
}
