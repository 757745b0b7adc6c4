package clinic.intake;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators and API clients rely on: OpenAPI description, probes, Prometheus metrics. */
@IntakeServiceTest
class OperationsEndpointsTest {

    static final String LISTENER = "intake-triage-decisions";

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
        // readiness waits for the listener's first partition assignment, which may come after the context starts
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void describesTheReportApiInOpenApi() {
        HttpResponse<String> response = http.get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = IntakeHttp.json(response).get("paths");
        assertThat(paths.get("/api/v1/symptom-reports").has("post")).isTrue();
        assertThat(paths.get("/api/v1/symptom-reports/{reportId}").has("get")).isTrue();
        assertThat(paths.get("/api/v1/symptom-reports").get("post").get("responses").propertyNames())
                .contains("202", "400", "409", "413", "415", "422", "429");
        JsonNode idempotencyKey = paths.get("/api/v1/symptom-reports").get("post").get("parameters").get(0);
        assertThat(idempotencyKey.get("name").asString()).isEqualTo("Idempotency-Key");
        assertThat(idempotencyKey.get("in").asString()).isEqualTo("header");
        assertThat(idempotencyKey.path("required").asBoolean(false)).as("optional").isFalse();
        assertThat(paths.get("/internal/v1/patient-contacts/{reportId}").get("get").get("responses").propertyNames())
                .contains("200", "400", "404");
        assertThat(paths.has("/reports/{reportId}")).as("patient pages are not API").isFalse();
        assertThat(paths.has("/")).isFalse();
    }

    @Test
    void reportsLivenessAndReadiness() {

        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = http.get(probe);

            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(IntakeHttp.json(response).get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void showsAnonymousCallersTheReadinessStatusOnly() {
        HttpResponse<String> response = http.as(null).get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode readiness = IntakeHttp.json(response);
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.has("components")).as("database, listener names and backlog are for operations").isFalse();
    }

    @Test
    void showsTheOutboxBacklogAndTheListenersInReadiness() {
        JsonNode components = IntakeHttp.json(http.get("/actuator/health/readiness")).get("components");

        assertThat(components.get("outbox").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("outbox").get("details").has("pending")).isTrue();
        assertThat(components.get("outbox").get("details").has("oldestPendingAgeSeconds")).isTrue();
        assertThat(components.get("kafkaListeners").get("details").get(LISTENER).asString()).isEqualTo("RUNNING");
        assertThat(components.has("db")).isTrue();
    }

    @Test
    void readinessGoesDownWhileAListenerContainerIsStoppedAbnormally() {
        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        container.stopAbnormally(() -> { });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").statusCode() == 503);
            JsonNode readiness = IntakeHttp.json(http.get("/actuator/health/readiness"));
            assertThat(readiness.get("status").asString()).isEqualTo("DOWN");
            assertThat(readiness.get("components").get("kafkaListeners").get("details").get(LISTENER).asString())
                    .isEqualTo("STOPPED_ABNORMALLY");
            assertThat(http.get("/actuator/health/liveness").statusCode()).as("alive, just not ready").isEqualTo(200);
        } finally {
            container.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void exposesTheOutboxBacklogToPrometheus() {
        HttpResponse<String> response = http.get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("(?m)^clinic_outbox_pending(\\{[^}]*\\})? \\d");
        assertThat(response.body()).containsPattern("(?m)^clinic_outbox_oldest_pending_age_seconds \\d");
    }

    @Test
    void refusesUnknownPathsWithProblemJson() {
        HttpResponse<String> response = http.get("/api/v1/nothing-here");

        // not in the route table: refused before any handler is looked up
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
    }
}
