package clinic.intake;

import clinic.support.testing.TestIssuerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextCustomizerFactories;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole intake service on a random port with an in-memory H2 database and an embedded Kafka
 * broker (KRaft), trusting tokens of the test JVM's {@link clinic.support.testing.TestIssuer}. Every class
 * with this annotation and no other context configuration shares one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=intake",
        "spring.datasource.url=jdbc:h2:mem:intake-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "clinic.kafka.retry.max-retries=2",
        "clinic.kafka.retry.initial-interval=50ms",
        "clinic.pages.status-refresh=1s",
        // a patient's bucket refills so slowly that a test reaching the limit (30) is never rescued by a refill
        "clinic.intake.rate-limit.patients.refill-period=1h",
        // a client with a quota of its own, small enough to reach in a test (SubmissionRateLimitTest)
        "clinic.intake.rate-limit.clients.clinic-small-system.capacity=3",
        "clinic.intake.rate-limit.clients.clinic-small-system.refill-tokens=3",
        "clinic.intake.rate-limit.clients.clinic-small-system.refill-period=1h"})
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextCustomizerFactories(TestIssuerProperties.class)
public @interface IntakeServiceTest {
}
