package clinic.triage.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.web.client.RestTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A tiny OAuth2 issuer for tests: an RSA key, its JWKS (and OIDC discovery document) served over real HTTP
 * on a free port, and tokens minted with Nimbus the way the clinic's issuer mints them. One per JVM.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "triage-service";

    private static TestIssuer shared;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;
    private final String url;

    private TestIssuer(int port) {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        url = "http://localhost:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + jwksUrl() + "\","
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext("/jwks", exchange -> send(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> send(exchange, discovery));
        // a thread per request, so one slow client never holds up the next JWKS fetch
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer(0);
        }
        return shared;
    }

    /** A separate issuer on a given port, e.g. one that comes up only after the service has started. */
    public static TestIssuer startOn(int port) {
        return new TestIssuer(port);
    }

    public void stop() {
        server.stop(0);
    }

    public String url() {
        return url;
    }

    public String jwksUrl() {
        return url + "/jwks";
    }

    public String patient(String sub) {
        return person(sub, "PATIENT");
    }

    public String clinician(String sub) {
        return person(sub, "CLINICIAN");
    }

    public String ops(String sub) {
        return person(sub, "OPS");
    }

    /** A machine token (client credentials): no roles, {@code client_id} and the scopes. */
    public String client(String clientId, String... scopes) {
        return sign(key, claims(UUID.randomUUID().toString(), url, Instant.now().plus(Duration.ofMinutes(5)))
                .claim("client_id", clientId).claim("scope", String.join(" ", scopes)).build());
    }

    public String expired(String sub) {
        return sign(key, claims(sub, url, Instant.now().minus(Duration.ofMinutes(10))).claim("roles",
                List.of("CLINICIAN")).build());
    }

    public String wrongIssuer(String sub) {
        return sign(key, claims(sub, "http://issuer.invalid", Instant.now().plus(Duration.ofMinutes(5)))
                .claim("roles", List.of("CLINICIAN")).build());
    }

    public String wrongAudience(String sub) {
        return sign(key, claims(sub, url, Instant.now().plus(Duration.ofMinutes(5))).audience("intake-service")
                .claim("roles", List.of("CLINICIAN")).build());
    }

    /** {@code alg=none}: no signature at all. */
    public String unsigned(String sub) {
        return new PlainJWT(claims(sub, url, Instant.now().plus(Duration.ofMinutes(5)))
                .claim("roles", List.of("CLINICIAN")).build()).serialize();
    }

    /** Signed by a key the issuer never published (same key id, so only the signature is wrong). */
    public String signedByAnotherKey(String sub) {
        return sign(otherKey, claims(sub, url, Instant.now().plus(Duration.ofMinutes(5)))
                .claim("roles", List.of("CLINICIAN")).build());
    }

    private String person(String sub, String role) {
        return sign(key, claims(sub, url, Instant.now().plus(Duration.ofMinutes(5))).claim("roles", List.of(role))
                .claim("scope", "openid profile").build());
    }

    private static JWTClaimsSet.Builder claims(String sub, String issuer, Instant expiry) {
        Instant issued = expiry.minus(Duration.ofMinutes(10));
        return new JWTClaimsSet.Builder().subject(sub).issuer(issuer)
                .audience(List.of("intake-service", AUDIENCE, "notification-service"))
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Fetches the JWKS with generous timeouts: the test machine may be busy, and a slow first fetch must not
     * turn into a failed request.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class SlowMachineTimeouts {
        @Bean
        JwkSetUriJwtDecoderBuilderCustomizer slowMachineTimeouts() {
            SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
            requests.setConnectTimeout(Duration.ofSeconds(30));
            requests.setReadTimeout(Duration.ofSeconds(30));
            return builder -> builder.restOperations(new RestTemplate(requests));
        }
    }

    /**
     * Points the service at this issuer. An initializer rather than a {@code @DynamicPropertySource} method
     * so every test class annotated with {@code @TriageServiceTest} keeps sharing one Spring context.
     */
    public static final class Properties implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestIssuer issuer = shared();
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.url(),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUrl());
        }
    }
}
