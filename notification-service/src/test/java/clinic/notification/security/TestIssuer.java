package clinic.notification.security;

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
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A stand-in OAuth2 issuer for tests: an RSA key whose JWKS is served over real HTTP on a free port, and
 * tokens minted like the clinic's issuer mints them ({@code sub}, {@code roles}, {@code scope}, {@code aud},
 * {@code iss}), plus broken ones. One per test JVM, so application contexts that use it can be shared.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "notification-service";

    private static TestIssuer instance;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final String url;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, "test-issuer");
                thread.setDaemon(true);
                return thread;
            }));
            server.start(); // lives as long as the test JVM
            url = "http://127.0.0.1:" + server.getAddress().getPort();
            warmUp(url + "/jwks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request before the tests: a cold server's first answer can outlast the decoder's read timeout. */
    private static void warmUp(String jwksUrl) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jwksUrl)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized TestIssuer get() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    /** The properties that point a context's resource server at this issuer. */
    public static List<String> properties() {
        TestIssuer issuer = get();
        return List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.url,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.url + "/jwks");
    }

    public String url() {
        return url;
    }

    public static String patient(String sub) {
        return get().person(sub, "PATIENT");
    }

    public static String clinician(String sub) {
        return get().person(sub, "CLINICIAN");
    }

    public static String ops(String sub) {
        return get().person(sub, "OPS");
    }

    /** A machine token: no roles, {@code client_id} and {@code sub} = the client id. */
    public static String client(String clientId, String... scopes) {
        TestIssuer issuer = get();
        return issuer.sign(issuer.claims(clientId).claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes)).build(), issuer.key);
    }

    public static String expired(String sub) {
        TestIssuer issuer = get();
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return issuer.sign(issuer.claims(sub).claim("roles", List.of("CLINICIAN"))
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))).build(), issuer.key);
    }

    public static String wrongIssuer(String sub) {
        TestIssuer issuer = get();
        return issuer.sign(issuer.claims(sub).claim("roles", List.of("CLINICIAN"))
                .issuer("http://issuer.elsewhere.test").build(), issuer.key);
    }

    public static String wrongAudience(String sub) {
        TestIssuer issuer = get();
        return issuer.sign(issuer.claims(sub).claim("roles", List.of("CLINICIAN"))
                .audience(List.of("intake-service")).build(), issuer.key);
    }

    /** {@code alg=none}: the claims of a valid clinician token, no signature. */
    public static String unsigned(String sub) {
        TestIssuer issuer = get();
        return new PlainJWT(issuer.claims(sub).claim("roles", List.of("CLINICIAN")).build()).serialize();
    }

    /** A clinician token signed by a key the issuer never published (same key id). */
    public static String signedByAnotherKey(String sub) {
        TestIssuer issuer = get();
        return issuer.sign(issuer.claims(sub).claim("roles", List.of("CLINICIAN")).build(), issuer.otherKey);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private String person(String sub, String... roles) {
        return sign(claims(sub).claim("roles", List.of(roles)).claim("scope", "openid").build(), key);
    }

    private JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(sub).issuer(url).audience(List.of(AUDIENCE,
                        "intake-service", "triage-service"))
                .issueTime(Date.from(now.minusSeconds(5))).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30)))).jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
