package clinic.bench.load;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A machine client's access token from the platform's issuer (client credentials), fetched again shortly before
 * it expires: the local issuer's tokens live 5 minutes and a whole run takes longer.
 */
final class AccessTokens {

    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String basicAuth;
    private final String scope;
    private final JsonMapper json;
    private volatile String token;
    private volatile long refreshAtNanos;

    AccessTokens(HttpClient http, String issuer, String clientId, String secret, String scope, JsonMapper json) {
        this.http = http;
        this.tokenEndpoint = URI.create(issuer + "/oauth2/token");
        this.basicAuth = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.scope = scope;
        this.json = json;
    }

    /** Cheap on the hot path: a volatile read, unless the token is due for renewal. */
    String current() {
        if (token == null || System.nanoTime() - refreshAtNanos > 0) {
            refresh();
        }
        return token;
    }

    private synchronized void refresh() {
        if (token != null && System.nanoTime() - refreshAtNanos < 0) {
            return; // another thread renewed it meanwhile
        }
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the issuer refused a token (" + response.statusCode() + "): "
                        + response.body());
            }
            JsonNode body = json.readTree(response.body());
            long lifetime = body.path("expires_in").asLong(300);
            refreshAtNanos = System.nanoTime()
                    + Duration.ofSeconds(lifetime).minus(REFRESH_BEFORE_EXPIRY).toNanos();
            token = body.get("access_token").asString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the issuer at " + tokenEndpoint + " is not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
