package clinic.notification;

import clinic.events.triage.Disposition;
import clinic.notification.pages.PageClient;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static clinic.notification.TestServers.CLINICIAN_TO;
import static clinic.notification.TestServers.ESCALATION_HOOK;
import static clinic.notification.TestServers.ESCALATION_TO;
import static clinic.notification.TestServers.ONCALL_HOOK;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service (two application contexts) on one PostgreSQL database and one Kafka
 * consumer group, as in a scaled deployment: every message goes out exactly once, every escalation
 * happens once, whichever instance gets there first, and a clinician's page session holds on both.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers, a system property) would
// repoint the shared test context at this broker, which is gone after this class.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "clinic.test.two-instances.brokers")
class TwoInstancesTest {

    private static final int ALERTS = 24;
    private static final int NOTICES = 8;
    /** How long the on-call webhook takes to answer here: 24 of them take one instance alone over a second. */
    private static final int SLOW_HOOK_MILLIS = 50;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void twoInstancesSendEveryMessageOnceAndEscalateEveryAlertOnce(EmbeddedKafkaBroker broker) {
        StubMapping slowHooks = TestServers.http().stubFor(post(urlEqualTo(ONCALL_HOOK)).atPriority(1)
                .willReturn(aResponse().withStatus(204).withFixedDelay(SLOW_HOOK_MILLIS)));
        try (ConfigurableApplicationContext first = start(broker);
             ConfigurableApplicationContext second = start(broker)) {
            JdbcClient jdbc = JdbcClient.create(first.getBean(DataSource.class));
            DeliveryLog log = new DeliveryLog(jdbc);
            DefaultKafkaProducerFactory<String, byte[]> producers = producers(broker);
            KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
            List<UUID> alerts = IntStream.range(0, ALERTS).mapToObj(i -> UUID.randomUUID()).toList();
            List<UUID> notices = IntStream.range(0, NOTICES).mapToObj(i -> UUID.randomUUID()).toList();
            for (int i = 0; i < ALERTS; i++) {
                send(kafka, urgentReview(alerts.get(i), i % 2 == 0 ? Disposition.URGENT_REVIEW : Disposition.EMERGENCY));
            }
            notices.forEach(reportId -> send(kafka, decision(reportId, Disposition.SELF_CARE)));

            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(jdbc) == ALERTS * 2 + NOTICES);

            for (UUID reportId : alerts) {
                assertThat(Mailbox.to(CLINICIAN_TO, reportId.toString())).as("clinician emails of %s", reportId)
                        .hasSize(1);
                assertThat(Webhooks.calls(ONCALL_HOOK, reportId.toString())).as("webhook calls of %s", reportId)
                        .hasSize(1);
            }
            for (UUID reportId : notices) {
                assertThat(Mailbox.to("any.patient@example.test", reportId.toString())).hasSize(1);
            }
            assertThat(attempts(first) + attempts(second)).isEqualTo(ALERTS * 2 + NOTICES);
            assertThat(attempts(first)).as("attempts of the first instance").isPositive();
            assertThat(attempts(second)).as("attempts of the second instance").isPositive();

            TestClock.CLOCK.advance(Duration.ofMinutes(31));

            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(jdbc) == ALERTS * 4 + NOTICES);
            assertThat(jdbc.sql("select escalation_level from notification where kind = 'CLINICIAN_ALERT'")
                    .query(Integer.class).list()).hasSize(ALERTS).containsOnly(1);
            for (UUID reportId : alerts) {
                assertThat(Mailbox.to(ESCALATION_TO, reportId.toString())).as("escalation emails of %s", reportId)
                        .hasSize(1);
                assertThat(Webhooks.calls(ESCALATION_HOOK, reportId.toString())).hasSize(1);
                assertThat(log.of(reportId)).hasSize(4);
            }
            assertThat(escalations(first) + escalations(second)).isEqualTo(ALERTS);

            // the clinician pages: signed in through one instance, the session (in the shared database) holds on the
            // other, which shows the queue and takes the acknowledgement with the first one's CSRF token
            PageClient onSecond = PageClient.signedIn(port(first), "dr-two", "CLINICIAN").on(port(second));
            HttpResponse<String> queue = onSecond.get("/");
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("Work queue", alerts.get(0).toString());
            UUID alertId = jdbc.sql("select notification_id from notification where report_id = ? and kind = ?")
                    .params(alerts.get(0), "CLINICIAN_ALERT").query(UUID.class).single();
            assertThat(onSecond.post("/alerts/" + alertId + "/acknowledgement", Map.of()).statusCode())
                    .isEqualTo(302);
            assertThat(jdbc.sql("select acknowledged_by from notification where notification_id = ?").param(alertId)
                    .query(String.class).single()).isEqualTo("dr-two");
            producers.destroy();
        } finally {
            TestServers.http().removeStub(slowHooks);
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        // Command-line arguments: they outrank notification.yml (default properties would not).
        return NotificationApplication.application()
                .sources(TestClock.class)
                .initializers(context -> TestServers.properties()
                        // generous: a timed-out call that did reach WireMock would be retried and counted twice
                        .and("clinic.notification.webhook.timeout=10s").applyTo(context))
                .run("--server.port=0",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        // one consumer per instance and listener, so both instances get partitions
                        "--spring.kafka.listener.concurrency=1",
                        // Small batches, one sender and one batch out at a time per lane, and slow webhooks (see
                        // the test): neither instance can claim every due row at once, so both send, contending for
                        // the same rows, which is what this test is about.
                        "--clinic.notification.delivery.senders=1",
                        "--clinic.notification.delivery.batch-size=2",
                        "--clinic.notification.delivery.urgent-batch-size=2",
                        "--clinic.data-dir=target/test-data");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static long delivered(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from delivery where status = 'DELIVERED'").query(Long.class).single();
    }

    private static double attempts(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("clinic.notification.delivery.attempts")
                .tag("outcome", "DELIVERED").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double escalations(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("clinic.notification.escalations").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static DefaultKafkaProducerFactory<String, byte[]> producers(EmbeddedKafkaBroker broker) {
        return new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
