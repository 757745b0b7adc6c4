package clinic.intake;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API clients rely on: OpenAPI description, probes, Prometheus metrics. */
@IntakeServiceTest
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    IntakeHttp http;

    @BeforeEach
    void setUp() {
        http = new IntakeHttp(port);
    }

    @Test
    void describesTheReportApiInOpenApi() {
        HttpResponse<String> response = http.get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = IntakeHttp.json(response).get("paths");
        assertThat(paths.get("/api/v1/symptom-reports").has("post")).isTrue();
        assertThat(paths.get("/api/v1/symptom-reports/{reportId}").has("get")).isTrue();
        assertThat(paths.get("/api/v1/symptom-reports").get("post").get("responses").propertyNames())
                .contains("202", "400", "413", "415");
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
    void exposesTheOutboxBacklogToPrometheus() {
        HttpResponse<String> response = http.get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("(?m)^clinic_outbox_pending(\\{[^}]*\\})? \\d");
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        HttpResponse<String> response = http.get("/api/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(IntakeHttp.contentType(response)).startsWith("application/problem+json");
    }
}
