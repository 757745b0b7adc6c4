package clinic.support.testapp;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link PlumbingTestApplication} with an in-memory H2 database (PostgreSQL mode, as in local mode) and an
 * embedded Kafka broker (KRaft), configured as the services configure themselves. Classes with this
 * annotation and no other context configuration share one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.application.name=plumbing-test",
                "spring.datasource.url=jdbc:h2:mem:plumbing-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                // no migrations of its own: only the library's shared tables
                "spring.flyway.locations=classpath:db/plumbing-test-none",
                "spring.flyway.fail-on-missing-locations=false",
                "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
                "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                "spring.kafka.producer.acks=all",
                "spring.kafka.template.observation-enabled=true",
                "spring.kafka.consumer.group-id=plumbing-test",
                "spring.kafka.consumer.enable-auto-commit=false",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "spring.kafka.listener.concurrency=3",
                "clinic.kafka.retry.max-retries=2",
                "clinic.kafka.retry.initial-interval=50ms"})
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface PlumbingTest {
}
