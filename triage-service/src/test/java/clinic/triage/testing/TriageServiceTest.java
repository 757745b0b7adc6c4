package clinic.triage.testing;

import clinic.support.testing.TestIssuer;
import clinic.support.testing.TestIssuerProperties;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextCustomizerFactories;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service against an embedded Kafka broker (KRaft), an in-memory H2 database and the test
 * OAuth2 issuer ({@link TestIssuer}), trusting the test EHRs for CDS Hooks ({@link EhrIssuer}), on a random
 * port (MockMvc works as well). Every test
 * class using exactly this annotation shares one Spring context and one broker; tests keep apart by
 * using fresh report ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=triage",
        "spring.datasource.url=jdbc:h2:mem:triage-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "clinic.kafka.retry.initial-interval=50ms",
        "clinic.kafka.retry.max-retries=2",
        "clinic.outbox.relay.fixed-delay=50ms"})
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureMockMvc
@ContextCustomizerFactories({TestIssuerProperties.class, EhrIssuerProperties.class})
public @interface TriageServiceTest {
}
