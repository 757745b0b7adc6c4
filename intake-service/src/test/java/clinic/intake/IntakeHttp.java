package clinic.intake;

import clinic.support.testing.TestIssuer;
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
import java.util.UUID;
import java.util.function.Function;

/**
 * A real HTTP/1.1 client against the running service (Tomcat, filters and all). By default it sends the
 * token a legitimate caller of each path would have: a patient of its own (a fresh {@code sub} per client,
 * so tests never share an owner or a rate-limit bucket) for the API, the notification service's
 * {@code patients:contact} client for {@code /internal}, an OPS user for {@code /ops} and the actuator.
 * {@link #as(String)} fixes one token (or none) for every request instead.
 */
public final class IntakeHttp {

    public static final String REPORTS = "/api/v1/symptom-reports";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String patientSubject;
    private final Function<String, String> tokens;

    public IntakeHttp(int port) {
        this.base = "http://localhost:" + port;
        this.patientSubject = "patient-" + UUID.randomUUID();
        TestIssuer issuer = TestIssuer.get();
        String patient = issuer.patient(patientSubject);
        String contacts = issuer.client("notification-service", "patients:contact");
        String ops = issuer.ops("ops-" + UUID.randomUUID());
        this.tokens = path -> path.startsWith("/internal/") ? contacts
                : path.startsWith("/ops/") || path.startsWith("/actuator/") ? ops : patient;
    }

    private IntakeHttp(String base, String patientSubject, String token) {
        this.base = base;
        this.patientSubject = patientSubject;
        this.tokens = path -> token;
    }

    /** The same server with this bearer token on every request; null for none. */
    public IntakeHttp as(String token) {
        return new IntakeHttp(base, null, token);
    }

    /** The {@code sub} of this client's own patient (null after {@link #as(String)}). */
    public String patientSubject() {
        return patientSubject;
    }

    public HttpResponse<String> submit(String json) {
        return post(REPORTS, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Submits with more request headers: name, value, name, value, ... (a name may come more than once). */
    public HttpResponse<String> submit(String json, String... headers) {
        HttpRequest.Builder request = request(REPORTS, "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A POST with more request headers: name, value, name, value, ... */
    public HttpResponse<String> postWithHeaders(String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder request = request(path, contentType);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
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
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)), path)
                .GET());
    }

    /** A HEAD: the GET's status and headers without its body. */
    public HttpResponse<String> head(String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)), path)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private HttpRequest.Builder request(String path, String contentType) {
        HttpRequest.Builder builder = authorized(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)), path);
        return contentType == null ? builder : builder.header("Content-Type", contentType);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request, String path) {
        String token = tokens.apply(path);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
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
