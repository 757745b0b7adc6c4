package clinic.local;

import clinic.local.FaultPlatform.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault flow on production-like infrastructure: a Kafka container and a PostgreSQL container (one
 * database per service, profile {@code postgres} with {@code SPRING_DATASOURCE_*}), the services as
 * separate JVMs. Runs only where a Docker engine is available; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersFaultTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

    @TempDir
    static Path dataDir;

    private static FaultPlatform platform;

    @BeforeAll
    static void startServices() throws SQLException {
        Map<Service, Map<String, String>> environments = new EnumMap<>(Service.class);
        try (Connection connection = POSTGRES.createConnection("");
             Statement statement = connection.createStatement()) {
            for (Service service : Service.values()) {
                statement.execute("CREATE DATABASE " + service.id);
                environments.put(service, FaultPlatform.postgresProfile("jdbc:postgresql://" + POSTGRES.getHost() + ":"
                        + POSTGRES.getMappedPort(5432) + "/" + service.id, POSTGRES.getUsername(), POSTGRES.getPassword()));
            }
        }
        platform = FaultPlatform.startOn(ContainersFaultTest.class.getSimpleName(), dataDir, KAFKA.getBootstrapServers(),
                environments);
    }

    @AfterAll
    static void stopServices() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyAcceptedReportIsDecidedOnceAcrossKillsOnKafkaAndPostgresContainers() {
        Ledger ledger = new Ledger();
        Invariants invariants = new Invariants(platform);

        ledger.burst(platform.client(), 24);
        platform.killAndRestart(Service.INTAKE);
        ledger.burst(platform.client(), 12);
        platform.killAndRestart(Service.TRIAGE);
        platform.killAndRestart(Service.NOTIFICATION);

        Invariants.Count count = invariants.assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        assertThat(count.accepted()).isEqualTo(36);
    }
}
