package clinic.local;

import clinic.local.auth.DemoLogin;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Access tokens from the platform's real issuer, as the people and programs of local mode get them: demo
 * people log in through the authorization-code + PKCE flow ({@link DemoLogin}), machine clients use client
 * credentials. Tokens are reused for two minutes, well inside the issuer's shortest lifetime (5 minutes for
 * client credentials), so long test classes never send an expired one by accident.
 */
final class Tokens {

    private static final Duration REUSE_FOR = Duration.ofMinutes(2);

    private record Cached(String token, long fetchedAtNanos) {
    }

    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tokens(String issuer) {
        this.issuer = issuer;
    }

    /** A demo person's token: patient-demo, clinician-demo or ops-demo. */
    String person(String username) {
        return cached("person:" + username, () -> DemoLogin.accessToken(issuer, username, username));
    }

    String clinician() {
        return person("clinician-demo");
    }

    String ops() {
        return person("ops-demo");
    }

    String patient() {
        return person("patient-demo");
    }

    /** The integration client of the README ({@code clinic-integration}), submitting on patients' behalf. */
    String integration() {
        return client("clinic-integration", "clinic-integration-secret",
                "reports:write reports:read triage:read notifications:read");
    }

    /** The metrics scraper's client ({@code clinic-metrics}, scope {@code metrics:read}). */
    String metrics() {
        return client("clinic-metrics", "clinic-metrics-secret", "metrics:read");
    }

    String client(String clientId, String secret, String scope) {
        return cached("client:" + clientId + ":" + scope, () -> clientCredentials(clientId, secret, scope));
    }

    /** A new token every call, for a service that takes each token once (CDS Hooks). */
    String fresh(String clientId, String secret, String scope) {
        return clientCredentials(clientId, secret, scope);
    }

    private String cached(String key, Supplier<String> fetch) {
        Cached hit = cache.get(key);
        if (hit != null && System.nanoTime() - hit.fetchedAtNanos() < REUSE_FOR.toNanos()) {
            return hit.token();
        }
        String token = fetch.get();
        cache.put(key, new Cached(token, System.nanoTime()));
        return token;
    }

    /** A client-credentials token request as the README shows it (HTTP Basic, form body). */
    static HttpRequest clientCredentialsRequest(String issuer, String clientId, String secret, String scope) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build();
    }

    private String clientCredentials(String clientId, String secret, String scope) {
        HttpRequest request = clientCredentialsRequest(issuer, clientId, secret, scope);
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("token request for " + clientId + " answered " + response.statusCode());
            }
            return PlatformClient.JSON.readTree(response.body()).required("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException("token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
