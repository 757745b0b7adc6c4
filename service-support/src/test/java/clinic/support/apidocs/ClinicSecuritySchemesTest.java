package clinic.support.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security schemes as springdoc writes its kept document (swagger-core's OpenAPI 3.1 mapper): built once while
 * the issuer is down, written later with the addresses the issuer's discovery gives once it answers.
 */
class ClinicSecuritySchemesTest {

    private HttpServer issuer;

    @AfterEach
    void stop() {
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    @Test
    void aDocumentBuiltWhileTheIssuerWasDownShowsTheDiscoveredAddressesOnceItAnswers() throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        MovableClock clock = new MovableClock();
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

        startIssuer(port);
        clock.now = clock.now.plus(IssuerEndpoints.RETRY_AFTER);
        JsonNode onceUp = flows(document);

        assertThat(onceUp.path("authorizationCode").path("authorizationUrl").asText())
                .isEqualTo(base + "/discovered/authorize");
        assertThat(onceUp.path("authorizationCode").path("tokenUrl").asText()).isEqualTo(base + "/discovered/token");
        assertThat(onceUp.path("clientCredentials").path("tokenUrl").asText()).isEqualTo(base + "/discovered/token");
    }

    private static JsonNode flows(OpenAPI document) throws IOException {
        String json = Json31.mapper().writeValueAsString(document);
        return Json31.mapper().readTree(json).path("components").path("securitySchemes").path("oauth2")
                .path("flows");
    }

    private void startIssuer(int port) throws IOException {
        String base = "http://localhost:" + port;
        issuer = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        issuer.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base
                    + "/discovered/authorize\",\"token_endpoint\":\"" + base + "/discovered/token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        issuer.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
