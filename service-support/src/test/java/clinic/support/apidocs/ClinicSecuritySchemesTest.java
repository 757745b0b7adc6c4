package clinic.support.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security schemes as springdoc writes its kept document (swagger-core's OpenAPI 3.1 mapper): built once while
 * the issuer is down, written later with the addresses the issuer's discovery gives once it answers.
 */
class ClinicSecuritySchemesTest {

    private final DiscoveryIssuer issuer = new DiscoveryIssuer();

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void aDocumentBuiltWhileTheIssuerWasDownShowsTheDiscoveredAddressesOnceItAnswers() throws Exception {
        String base = issuer.base();
        DiscoveryIssuer.MovableClock clock = new DiscoveryIssuer.MovableClock();
        ApiDocsProperties properties = new ApiDocsProperties("Test API", "", Map.of("reports:read", "Read"),
                Map.of("triage:read", "Read decisions"));
        OpenAPI document = new OpenAPI();
        new ClinicSecuritySchemes(new IssuerEndpoints(base, RestClient.create(), clock), properties)
                .customise(document);

        JsonNode whileDown = flows(document);
        assertThat(whileDown.path("authorizationCode").path("authorizationUrl").asText())
                .isEqualTo(base + "/oauth2/authorize");
        assertThat(whileDown.path("clientCredentials").path("tokenUrl").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(whileDown.path("clientCredentials").has("authorizationUrl")).isFalse();
        assertThat(whileDown.path("authorizationCode").path("scopes").properties()).extracting(Map.Entry::getKey)
                .containsExactly("openid", "reports:read");
        assertThat(whileDown.path("authorizationCode").size()).as("url, token url, scopes only").isEqualTo(3);

        issuer.start();
        clock.now = clock.now.plus(IssuerEndpoints.RETRY_AFTER);
        JsonNode onceUp = flows(document);

        assertThat(onceUp.path("authorizationCode").path("authorizationUrl").asText())
                .isEqualTo(base + DiscoveryIssuer.AUTHORIZE);
        assertThat(onceUp.path("authorizationCode").path("tokenUrl").asText()).isEqualTo(base + DiscoveryIssuer.TOKEN);
        assertThat(onceUp.path("clientCredentials").path("tokenUrl").asText()).isEqualTo(base + DiscoveryIssuer.TOKEN);
    }

    private static JsonNode flows(OpenAPI document) throws IOException {
        String json = Json31.mapper().writeValueAsString(document);
        return Json31.mapper().readTree(json).path("components").path("securitySchemes").path("oauth2")
                .path("flows");
    }
}
