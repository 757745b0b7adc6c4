package clinic.intake.ratelimit;

import clinic.intake.IntakeApplication;
import clinic.intake.IntakeHttp;
import clinic.intake.TestReports;
import clinic.support.testing.TestIssuer;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two intake instances (two application contexts) on one PostgreSQL database, as in a scaled deployment: a
 * caller sending to both alternately is refused at its quota, not at twice it, because the buckets live in the
 * database (Bucket4j's select-for-update rows), not in each instance.
 */
// A property of its own: the default (spring.kafka.bootstrap-servers, a system property) would repoint the
// shared test context at this broker, which is gone after this class.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "clinic.test.shared-quota.brokers")
class SharedQuotaTest {

    private static final int PATIENT_QUOTA = 4;
    private static final int CLIENT_QUOTA = 6;

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
    void submissionsAlternatingBetweenTwoInstancesAreRefusedAtTheSingleQuota(EmbeddedKafkaBroker broker) {
        try (ConfigurableApplicationContext first = start(broker);
             ConfigurableApplicationContext second = start(broker)) {
            String patientSubject = "patient-" + UUID.randomUUID();
            String patientToken = TestIssuer.get().patient(patientSubject);
            List<IntakeHttp> asPatient = List.of(http(first).as(patientToken), http(second).as(patientToken));
            assertThat(statuses(asPatient, PATIENT_QUOTA + 2))
                    .containsExactly(202, 202, 202, 202, 429, 429);

            String clientToken = TestIssuer.get().client("clinic-integration", "reports:write");
            List<IntakeHttp> asClient = List.of(http(first).as(clientToken), http(second).as(clientToken));
            assertThat(statuses(asClient, CLIENT_QUOTA + 2))
                    .containsExactly(202, 202, 202, 202, 202, 202, 429, 429);

            // Bucket4j's PostgreSQL manager, one row per caller in the shared database
            assertThat(first.getBean(SubmissionBuckets.class).proxies())
                    .isInstanceOf(PostgreSQLSelectForUpdateBasedProxyManager.class);
            assertThat(JdbcClient.create(first.getBean(DataSource.class)).sql("select id from rate_limit_bucket")
                    .query(String.class).list()).containsExactlyInAnyOrder(
                            "PERSON:" + patientSubject, "CLIENT:clinic-integration");
        }
    }

    /** The statuses of this many submissions, sent to each instance in turn. */
    private static List<Integer> statuses(List<IntakeHttp> instances, int submissions) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < submissions; i++) {
            statuses.add(instances.get(i % instances.size()).submit(TestReports.validJson()).statusCode());
        }
        return statuses;
    }

    private static IntakeHttp http(ConfigurableApplicationContext instance) {
        return new IntakeHttp(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        TestIssuer issuer = TestIssuer.get();
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.listener.concurrency=1",
                "--spring.security.oauth2.client.provider.clinic.issuer-uri=" + issuer.issuerUri(),
                // small quotas, refilled over an hour so nothing refills during the test
                "--clinic.intake.rate-limit.patients.capacity=" + PATIENT_QUOTA,
                "--clinic.intake.rate-limit.patients.refill-tokens=" + PATIENT_QUOTA,
                "--clinic.intake.rate-limit.patients.refill-period=1h",
                "--clinic.intake.rate-limit.clients.clinic-integration.capacity=" + CLIENT_QUOTA,
                "--clinic.intake.rate-limit.clients.clinic-integration.refill-tokens=" + CLIENT_QUOTA,
                "--clinic.intake.rate-limit.clients.clinic-integration.refill-period=1h"));
        issuer.resourceServerProperties().forEach(property -> args.add("--" + property));
        return IntakeApplication.application().profiles("postgres").run(args.toArray(String[]::new));
    }
}
