package clinic.intake.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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
 * A stand-in for the clinic's OAuth2 issuer: an RSA key, its JWKS and OIDC metadata served over real HTTP
 * (one server per test JVM), and tokens minted with Nimbus as the real issuer shapes them ({@code sub},
 * {@code roles}, {@code scope}, {@code aud}, {@code iss}), plus the broken kinds the service must refuse.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "intake-service";
    private static TestIssuer instance;

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey otherKey;
    private final String issuer;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://localhost:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/oauth2/jwks", exchange -> respond(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, metadata()));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The JVM's issuer, started on first use. */
    public static synchronized TestIssuer get() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    public String issuerUri() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    public String authorizationUri() {
        return issuer + "/oauth2/authorize";
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

    /** A machine token (client credentials): no roles, {@code client_id} and the given scopes. */
    public String client(String clientId, String... scopes) {
        return sign(claims(clientId).claim("client_id", clientId).claim("azp", clientId)
                .claim("scope", String.join(" ", scopes)).build(), key);
    }

    public String expired(String sub) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(sub).claim("roles", List.of("PATIENT")).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build(), key);
    }

    public String wrongIssuer(String sub) {
        return sign(claims(sub).claim("roles", List.of("PATIENT")).issuer("http://localhost:1/not-the-issuer").build(),
                key);
    }

    public String wrongAudience(String sub) {
        return sign(claims(sub).claim("roles", List.of("PATIENT")).audience("triage-service").build(), key);
    }

    /** {@code alg=none}: no signature at all. */
    public String unsigned(String sub) {
        return new PlainJWT(claims(sub).claim("roles", List.of("PATIENT")).build()).serialize();
    }

    /** Signed by a key the issuer never published (same key id, to tempt a careless check). */
    public String signedByAnotherKey(String sub) {
        return sign(claims(sub).claim("roles", List.of("PATIENT")).build(), otherKey);
    }

    private String person(String sub, String role) {
        return sign(claims(sub).claim("roles", List.of(role)).claim("scope", "openid").build(), key);
    }

    private JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(sub)
                .audience(List.of(AUDIENCE, "triage-service", "notification-service"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String metadata() {
        return """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/oauth2/authorize","token_endpoint":"%1$s/oauth2/token",
                 "jwks_uri":"%1$s/oauth2/jwks","userinfo_endpoint":"%1$s/userinfo","response_types_supported":["code"],
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
                 "grant_types_supported":["authorization_code","client_credentials"],
                 "code_challenge_methods_supported":["S256"]}""".formatted(issuer);
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
