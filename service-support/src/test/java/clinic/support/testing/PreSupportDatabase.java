package clinic.support.testing;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;

/**
 * A database as a service's migrations left it before service-support existed (the frozen scripts under
 * {@code db/pre-support/}): the starting point of the upgrade tests, which write rows into it and then run
 * the current code on it.
 */
public final class PreSupportDatabase {

    private final String url;
    private final DataSource dataSource;

    private PreSupportDatabase(String url, DataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /** A local-mode H2 file database (the settings of the services' {@code *.yml}) in {@code dataDir}. */
    public static PreSupportDatabase h2File(Path dataDir, String service) {
        String url = "jdbc:h2:file:" + dataDir.resolve(service + "/db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
        return create(url, "sa", service, "h2");
    }

    /**
     * Migrates the database at {@code url} with the old scripts of {@code service} ({@code intake}, {@code triage}
     * or {@code notification}) for {@code vendor} ({@code h2} or {@code postgresql}), in the service's own
     * history table as before.
     */
    public static PreSupportDatabase create(String url, String user, String service, String vendor) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, "");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/pre-support/" + service, "classpath:db/pre-support/" + service + "-" + vendor)
                .failOnMissingLocations(false)
                .load().migrate();
        return new PreSupportDatabase(url, dataSource);
    }

    /** The versions recorded in the shared tables' own history, oldest first ("0" is the baseline). */
    public static List<String> sharedTableVersions(JdbcTemplate jdbc) {
        return jdbc.queryForList("select version from support_schema_history where success "
                + "and version is not null order by installed_rank", String.class);
    }

    public String url() {
        return url;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
