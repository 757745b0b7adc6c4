package clinic.intake.apidocs;

import clinic.intake.IntakeServiceTest;
import clinic.support.testing.ApiDocuments;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake's OpenAPI document and Swagger UI, fetched by an anonymous browser from the whole service: public, the
 * report API and the internal lookups but none of the patient pages, a login at the service's issuer; the API
 * itself still needs a token.
 */
@IntakeServiceTest
class ApiDocumentsTest {

    @LocalServerPort
    int port;

    ApiDocuments docs;

    @BeforeEach
    void setUp() {
        docs = new ApiDocuments(port);
    }

    @Test
    void describesTheReportApiWithoutAToken() {
        JsonNode document = docs.document();

        assertThat(document.path("info").path("title").asString()).isEqualTo("Intake API");
        JsonNode paths = document.path("paths");
        assertThat(paths.path("/api/v1/symptom-reports").has("post")).isTrue();
        assertThat(paths.path("/api/v1/symptom-reports/{reportId}").has("get")).isTrue();
        assertThat(paths.path("/api/v1/symptom-reports").path("post").path("responses").path("400").path("content")
                .has("application/problem+json")).isTrue();
        assertThat(paths.path("/internal/v1/patient-contacts/{reportId}").has("get")).isTrue();
        assertThat(ApiDocuments.paths(document)).as("the patient pages are not API")
                .doesNotContain("/", "/reports", "/reports/{reportId}", "/email-confirmations/{token}");
    }

    @Test
    void offersALoginAtTheIssuerAndABearerToken() {
        JsonNode document = docs.document();

        ApiDocuments.assertLoginsAt(document, TestIssuer.get().issuerUri());
        JsonNode flows = document.path("components").path("securitySchemes").path("oauth2").path("flows");
        assertThat(flows.path("authorizationCode").path("scopes").has("reports:write")).isTrue();
        assertThat(flows.path("clientCredentials").path("scopes").propertyNames())
                .contains("reports:write", "reports:read", "patients:contact", "cases:read");
    }

    @Test
    void servesTheSwaggerUiWithoutATokenUnderAStrictPolicy() {
        docs.assertSwaggerUiIsPublic(TestIssuer.get().issuerUri());
    }

    @Test
    void theApiStillNeedsAToken() {
        HttpResponse<String> report = docs.get("/api/v1/symptom-reports/" + UUID.randomUUID());
        HttpResponse<String> contact = docs.get("/internal/v1/patient-contacts/" + UUID.randomUUID());

        assertThat(report.statusCode()).isEqualTo(401);
        assertThat(contact.statusCode()).isEqualTo(401);
        assertThat(report.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
