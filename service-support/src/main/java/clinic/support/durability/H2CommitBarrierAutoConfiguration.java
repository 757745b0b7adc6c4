package clinic.support.durability;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link H2CommitBarrier} of a service whose database is an H2 file ({@code jdbc:h2:file:...}, the local
 * mode); Spring Boot hands it to the transaction manager. In-memory H2 (tests) and PostgreSQL need none:
 * PostgreSQL makes each commit durable itself.
 */
@AutoConfiguration
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
public class H2CommitBarrierAutoConfiguration {

    @Bean(destroyMethod = "close")
    H2CommitBarrier h2CommitBarrier(Environment environment) {
        LoggerFactory.getLogger(H2CommitBarrier.class).info("H2 file database: commits are stored before they are acted on (group commit)");
        return new H2CommitBarrier(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username", "sa"),
                environment.getProperty("spring.datasource.password", ""));
    }
}
