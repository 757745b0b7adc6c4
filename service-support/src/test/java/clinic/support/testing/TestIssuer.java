package clinic.support.testing;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A stand-in for the clinic's OAuth2 issuer: an RSA key, its JWKS and OIDC metadata served over real HTTP, and
 * tokens minted with Nimbus as the real issuer shapes them ({@code sub}, {@code roles}, {@code scope},
 * {@code aud} = the three services, {@code iss}), plus the broken kinds a service must refuse. One per test JVM
 * ({@link #get()}), so application contexts that trust it can be shared; {@link TestIssuerProperties} points a
 * service at it. A service's page login works against it too ({@link #approve}, {@link PageLogin}).
 */
public final class TestIssuer {

    /** The broken tokens carry every role, so that only what is broken can be why they are refused. */
    private static final List<String> EVERY_ROLE = List.of("PATIENT", "CLINICIAN", "OPS");

    private static TestIssuer shared;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;
    private final String issuer;
    private final AuthorizationCodes logins;

    private TestIssuer(int port) {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://localhost:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/oauth2/jwks", exchange -> respond(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, metadata()));
        logins = new AuthorizationCodes(issuer, claims -> sign(claims, key));
        server.createContext("/oauth2/token", logins::token);
        server.createContext("/userinfo", logins::userInfo);
        // a thread per request, so one slow client never holds up the next key fetch
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start(); // lives as long as the test JVM, or until stop()
        warmUp();
    }

    /** The JVM's issuer, started on first use. */
    public static synchronized TestIssuer get() {
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

    public String issuerUri() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    public String authorizationUri() {
        return issuer + "/oauth2/authorize";
    }

    /** The properties that make a service's resource server trust this issuer, as {@code key=value}. */
    public List<String> resourceServerProperties() {
        return List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuerUri(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri());
    }

    /**
     * Approves an authorization request (the URL a service's page login redirected the browser to) as if this
     * person had signed in: the redirect back to the service, with a code that {@code /oauth2/token} redeems for
     * an ID token with this {@code sub} and {@code roles}. See {@link PageLogin}.
     */
    public URI approve(URI authorizationRequest, String sub, String... roles) {
        return logins.approve(authorizationRequest, sub, List.of(roles), Map.of());
    }

    /** {@link #approve(URI, String, String...)} with more claims in the ID token, e.g. a verified email. */
    public URI approve(URI authorizationRequest, String sub, Map<String, Object> claims, String... roles) {
        return logins.approve(authorizationRequest, sub, List.of(roles), claims);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
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

    /** A person's token with these clinic roles. */
    public String person(String sub, String... roles) {
        return sign(claims(sub).claim("roles", List.of(roles)).claim("scope", "openid").build(), key);
    }

    /** A person's token with these clinic roles and more claims, e.g. {@code email} and {@code email_verified}. */
    public String person(String sub, Map<String, Object> claims, String... roles) {
        JWTClaimsSet.Builder builder = claims(sub).claim("roles", List.of(roles)).claim("scope", "openid");
        claims.forEach(builder::claim);
        return sign(builder.build(), key);
    }

    /**
     * A machine token (client credentials): no roles, {@code client_id} and the scopes, and a uuid as
     * {@code sub} as Keycloak gives service accounts, so that only the client id can name the caller.
     */
    public String client(String clientId, String... scopes) {
        return sign(claims(UUID.randomUUID().toString()).claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes)).build(), key);
    }

    public String expired(String sub) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(sub).claim("roles", EVERY_ROLE).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build(), key);
    }

    /** A well-signed token that never says when it expires. */
    public String withoutExpiry(String sub) {
        return sign(claims(sub).claim("roles", EVERY_ROLE).expirationTime(null).build(), key);
    }

    /** A person's token whose {@code roles} claim is whatever the caller gives (a string, padded values, ...). */
    public String withRolesClaim(String sub, Object roles) {
        return sign(claims(sub).claim("roles", roles).claim("scope", "openid").build(), key);
    }

    public String wrongIssuer(String sub) {
        return sign(claims(sub).claim("roles", EVERY_ROLE).issuer("http://issuer.invalid").build(), key);
    }

    public String wrongAudience(String sub) {
        return sign(claims(sub).claim("roles", EVERY_ROLE).audience("another-service").build(), key);
    }

    /** {@code alg=none}: no signature at all. */
    public String unsigned(String sub) {
        return new PlainJWT(claims(sub).claim("roles", EVERY_ROLE).build()).serialize();
    }

    /** Signed by a key the issuer never published (same key id, so only the signature is wrong). */
    public String signedByAnotherKey(String sub) {
        return sign(claims(sub).claim("roles", EVERY_ROLE).build(), otherKey);
    }

    private JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(sub)
                .audience(List.of("intake-service", "triage-service", "notification-service"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                // long enough for tokens minted once per test class, in a suite that runs for minutes
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
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

    /** One request before the tests: a cold server's first answer can outlast a decoder's read timeout. */
    private void warmUp() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jwkSetUri())).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
