package clinic.support.testing;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/**
 * A database as a service's migrations left it before service-support existed (the frozen scripts under
 * {@code db/pre-support/}): the starting point of the upgrade tests, which write rows into it and then run
 * the current code on it.
 */
public final class PreSupportDatabase {

    private final DataSource dataSource;

    private PreSupportDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
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
        return new PreSupportDatabase(dataSource);
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
