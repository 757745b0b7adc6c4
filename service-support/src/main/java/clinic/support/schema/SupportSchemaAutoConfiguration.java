package clinic.support.schema;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Runs the shared tables' migrations ({@link SupportSchema}) right after the service's own, in the same
 * start-up step, so both are in place before JPA, the relay or any listener touches the database.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class SupportSchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy serviceThenSupportMigrations() {
        return flyway -> {
            // The service's migrations first: on an empty database Flyway refuses to start a history in a
            // schema that already holds tables, and the shared tables' Flyway baselines where it finds some.
            flyway.migrate();
            SupportSchema.migrate(flyway);
        };
    }
}
