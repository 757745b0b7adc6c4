package clinic.local.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The local issuer started the way the launcher starts it ({@link LocalAuthServer#application()}), on a free
 * port, with plain HTTP helpers around it. The issuer follows the port, as {@code local-auth.yml} derives it.
 */
final class RunningAuthServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningAuthServer(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    static RunningAuthServer start(Path dataDir, String... moreArgs) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--clinic.data-dir=" + dataDir));
        args.addAll(List.of(moreArgs));
        ConfigurableApplicationContext context = LocalAuthServer.application().run(args.toArray(String[]::new));
        return new RunningAuthServer(context, port);
    }

    String issuer() {
        return "http://localhost:" + port;
    }

    URI uri(String pathAndQuery) {
        return URI.create(issuer() + pathAndQuery);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POSTs to the token endpoint with the client's id and secret in an HTTP Basic header. */
    HttpResponse<String> tokenRequest(String clientId, String secret, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Verifies a token's RS256 signature against this server's published JWKS and its issuer, as a resource server would. */
    JWTClaimsSet verify(String token) throws Exception {
        return verify(token, jwks(), issuer());
    }

    static JWTClaimsSet verify(String token, JWKSet jwks, String issuer) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp")));
        return processor.process(token, null);
    }

    JWKSet jwks() throws Exception {
        return JWKSet.parse(get("/oauth2/jwks").body());
    }

    static Map<String, Object> json(String body) throws Exception {
        return JSONObjectUtils.parse(body);
    }

    static Map<String, String> params(String... keysAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
