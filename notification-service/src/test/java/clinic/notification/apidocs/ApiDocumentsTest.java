package clinic.notification.apidocs;

import clinic.notification.NotificationServiceTest;
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
 * Notification's OpenAPI document and Swagger UI, fetched by an anonymous browser from the whole service: public,
 * the alert and delivery-log API but none of the clinician pages, a login at the service's issuer; the API itself
 * still needs a token.
 */
@NotificationServiceTest
class ApiDocumentsTest {

    @LocalServerPort
    int port;

    ApiDocuments docs;

    @BeforeEach
    void setUp() {
        docs = new ApiDocuments(port);
    }

    @Test
    void describesTheAlertAndDeliveryLogApiWithoutAToken() {
        JsonNode document = docs.document();

        assertThat(document.path("info").path("title").asString()).isEqualTo("Notification API");
        JsonNode paths = document.path("paths");
        assertThat(paths.path("/api/v1/notifications").has("get")).isTrue();
        assertThat(paths.path("/api/v1/alerts").has("get")).isTrue();
        assertThat(paths.path("/api/v1/alerts/stream").has("get")).isTrue();
        JsonNode acknowledge = paths.path("/api/v1/alerts/{alertId}/acknowledgement").path("post");
        assertThat(acknowledge.path("responses").path("404").path("content").has("application/problem+json"))
                .isTrue();
        assertThat(ApiDocuments.paths(document)).as("the clinician pages are not API")
                .doesNotContain("/", "/queue", "/alerts/feed", "/cases/{reportId}", "/cases/{reportId}/review",
                        "/alerts/{alertId}/acknowledgement", "/agreement", "/signed-out");
    }

    @Test
    void offersALoginAtTheIssuerAndABearerToken() {
        JsonNode document = docs.document();

        ApiDocuments.assertLoginsAt(document, TestIssuer.get().issuerUri());
        assertThat(document.path("components").path("securitySchemes").path("oauth2").path("flows")
                .path("clientCredentials").path("scopes").has("notifications:read")).isTrue();
    }

    @Test
    void servesTheSwaggerUiWithoutATokenUnderAStrictPolicy() {
        docs.assertSwaggerUiIsPublic(TestIssuer.get().issuerUri());
    }

    @Test
    void theApiStillNeedsAToken() {
        HttpResponse<String> alerts = docs.get("/api/v1/alerts");
        HttpResponse<String> log = docs.get("/api/v1/notifications?reportId=" + UUID.randomUUID());

        assertThat(alerts.statusCode()).isEqualTo(401);
        assertThat(log.statusCode()).isEqualTo(401);
        assertThat(alerts.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
