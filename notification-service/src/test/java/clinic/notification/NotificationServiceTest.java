package clinic.notification;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service against an embedded Kafka broker (KRaft), an in-memory H2 database, a real SMTP server
 * and a real HTTP server for webhooks and intake ({@link TestServers}), on a random port, with the
 * {@link TestClock}. Every test class carrying this annotation shares one application context, so tests
 * use fresh report ids and never assume an empty database or mailbox.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notification",
        "spring.datasource.url=jdbc:h2:mem:notification-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "clinic.data-dir=target/test-data",
        "clinic.kafka.retry.initial-interval=50ms",
        "clinic.kafka.retry.max-retries=2",
        "clinic.links.triage-base-url=http://triage.test/"
})
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestServers.class)
@Import(TestClock.class)
public @interface NotificationServiceTest {
}
