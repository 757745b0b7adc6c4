package clinic.triage.apidocs;

import clinic.support.testing.ApiDocuments;
import clinic.support.testing.TestIssuer;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triage's OpenAPI document and Swagger UI, fetched by an anonymous browser from the whole service: public, the
 * real API routes with their problem answers, a login at the service's issuer; the API itself still needs a token.
 */
@TriageServiceTest
class ApiDocumentsTest {

    @LocalServerPort
    int port;

    ApiDocuments docs;

    @BeforeEach
    void setUp() {
        docs = new ApiDocuments(port);
    }

    @Test
    void describesTheTriageApiWithoutAToken() {
        JsonNode document = docs.document();

        assertThat(document.path("info").path("title").asString()).isEqualTo("Triage API");
        JsonNode decision = document.path("paths").path("/api/v1/triage-decisions/{reportId}").path("get");
        assertThat(decision.path("responses").propertyNames()).contains("200", "400", "404");
        assertThat(decision.path("responses").path("404").path("content").has("application/problem+json")).isTrue();
        assertThat(document.path("paths").path("/api/v1/ruleset").has("get")).isTrue();
        assertThat(ApiDocuments.paths(document)).as("no actuator, no error page")
                .noneMatch(path -> path.startsWith("/actuator") || path.equals("/error"));
    }

    @Test
    void describesTheFhirFormOfADecisionWithItsOperationOutcomes() {
        JsonNode paths = docs.document().path("paths");

        for (String path : new String[]{"/fhir/DetectedIssue", "/fhir/ServiceRequest"}) {
            JsonNode search = paths.path(path).path("get");
            assertThat(search.path("parameters").findValuesAsString("name")).as(path).contains("subject-report");
            assertThat(search.path("responses").path("200").path("content").has("application/fhir+json")).isTrue();
            assertThat(search.path("responses").path("400").path("content").has("application/fhir+json")).isTrue();
            JsonNode read = paths.path(path + "/{id}").path("get");
            assertThat(read.path("responses").propertyNames()).as(path).contains("200", "400", "404");
        }
    }

    @Test
    void describesTheCdsHooksEndpointsUnderTheirOwnTag() {
        JsonNode paths = docs.document().path("paths");

        assertThat(paths.path("/cds-services").path("get").path("tags").path(0).asString()).isEqualTo("CDS Hooks");
        assertThat(paths.path("/cds-services").path("get").path("security").isArray()).as("public").isTrue();
        assertThat(paths.path("/cds-services").path("get").path("security")).isEmpty();
        assertThat(paths.path("/cds-services/heel-pain-triage").path("post").path("responses").propertyNames())
                .contains("200", "400", "412");
        assertThat(paths.path("/cds-services/heel-pain-triage/feedback").path("post").path("responses")
                .propertyNames()).contains("200", "400", "404");
    }

    @Test
    void offersALoginAtTheIssuerAndABearerToken() {
        JsonNode document = docs.document();

        ApiDocuments.assertLoginsAt(document, TestIssuer.get().issuerUri());
        assertThat(document.path("components").path("securitySchemes").path("oauth2").path("flows")
                .path("clientCredentials").path("scopes").has("triage:read")).isTrue();
        // the test issuer answers discovery, so these are its own addresses rather than guesses
        assertThat(document.path("components").path("securitySchemes").path("oauth2").path("flows")
                .path("authorizationCode").path("authorizationUrl").asString())
                .isEqualTo(TestIssuer.get().authorizationUri());
    }

    @Test
    void servesTheSwaggerUiWithoutATokenUnderAStrictPolicy() {
        docs.assertSwaggerUiIsPublic(TestIssuer.get().issuerUri());
    }

    @Test
    void theApiStillNeedsAToken() {
        HttpResponse<String> decision = docs.get("/api/v1/triage-decisions/" + UUID.randomUUID());
        HttpResponse<String> ruleset = docs.get("/api/v1/ruleset");

        assertThat(decision.statusCode()).isEqualTo(401);
        assertThat(ruleset.statusCode()).isEqualTo(401);
        assertThat(decision.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
