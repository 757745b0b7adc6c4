package clinic.intake;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP/1.1 client against the running service (Tomcat, filters and all). */
public final class IntakeHttp {

    public static final String REPORTS = "/api/v1/symptom-reports";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public IntakeHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> submit(String json) {
        return post(REPORTS, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public HttpResponse<String> post(String path, byte[] body, String contentType) {
        return send(request(path, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Sends the body without Content-Length (chunked transfer encoding). */
    public HttpResponse<String> postChunked(String path, byte[] body, String contentType) {
        return send(request(path, contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private HttpRequest.Builder request(String path, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return contentType == null ? builder : builder.header("Content-Type", contentType);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
