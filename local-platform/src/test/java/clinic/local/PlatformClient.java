package clinic.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Talks to the running services over real HTTP, as curl would. */
final class PlatformClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PlatformSettings settings;

    PlatformClient(PlatformSettings settings) {
        this.settings = settings;
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Response submit(Map<String, Object> report) {
        return submitRaw(JSON.writeValueAsString(report), "application/json");
    }

    Response submitRaw(String body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(intake("/api/v1/symptom-reports"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    /** The patient web form's POST, as a browser sends it (answers URL-encoded, HTML wanted back). */
    Response submitForm(String formBody) {
        return send(HttpRequest.newBuilder(intake("/reports"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build());
    }

    /** Submits and returns the new report id, failing unless the answer is 202. */
    UUID accept(Map<String, Object> report) {
        Response response = submit(report);
        if (response.status() != 202) {
            throw new AssertionError("Expected 202 but got " + response.status() + ": " + response.body());
        }
        return UUID.fromString(response.json().get("reportId").asString());
    }

    Response report(UUID reportId) {
        return get(intake("/api/v1/symptom-reports/" + reportId));
    }

    Response decision(UUID reportId) {
        return get(URI.create("http://localhost:" + settings.triagePort() + "/api/v1/triage-decisions/" + reportId));
    }

    Response notifications(UUID reportId) {
        return get(URI.create("http://localhost:" + settings.notificationPort() + "/api/v1/notifications?reportId="
                + reportId));
    }

    Response alerts() {
        return get(URI.create("http://localhost:" + settings.notificationPort() + "/api/v1/alerts"));
    }

    Response prometheus(int port) {
        return get(URI.create("http://localhost:" + port + "/actuator/prometheus"));
    }

    Response issuerMetadata() {
        return get(URI.create(settings.issuer() + "/.well-known/openid-configuration"));
    }

    /** A client-credentials token request as the README shows it (HTTP Basic, form body). */
    Response clientCredentialsToken(String clientId, String secret, String scope) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(settings.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build());
    }

    private URI intake(String path) {
        return URI.create("http://localhost:" + settings.intakePort() + path);
    }

    private Response get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
