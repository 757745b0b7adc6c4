package clinic.triage.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A stand-in EHR that calls triage's CDS service: an RSA key, its JWKS served over real HTTP, and CDS Hooks 2.0
 * JWTs (iss = its URL, aud = the CDS service's URL, 5-minute exp, a fresh jti, kid in the header) plus the broken
 * kinds. {@link #A} and {@link #B} are trusted by every {@link TriageServiceTest} context
 * ({@link EhrIssuerProperties}); {@link #UNTRUSTED} is not.
 */
public final class EhrIssuer {

    /** The address EHRs call in tests: each token's aud is this plus the service's path. */
    public static final String PUBLIC_BASE_URL = "https://triage.clinic.test";
    public static final String SERVICE_URL = PUBLIC_BASE_URL + "/cds-services/heel-pain-triage";

    public static final EhrIssuer A = new EhrIssuer();
    public static final EhrIssuer B = new EhrIssuer();
    public static final EhrIssuer UNTRUSTED = new EhrIssuer();

    private final RSAKey key;
    private final RSAKey otherKey;
    private final String issuer;

    private EhrIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("ehr-key").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("ehr-key").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start(); // lives as long as the test JVM
            issuer = "http://localhost:" + server.getAddress().getPort() + "/ehr";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public URI jwksUri() {
        return URI.create(issuer.replace("/ehr", "/jwks"));
    }

    /** A valid token for the CDS service, used once. */
    public String token() {
        return sign(claims().build(), key, true);
    }

    /** A valid token with some claims changed. */
    public String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims()).build(), key, true);
    }

    public String withAudience(String audience) {
        return token(claims -> claims.audience(audience));
    }

    public String expired() {
        Instant past = Instant.now().minus(Duration.ofMinutes(20));
        return token(claims -> claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(240))));
    }

    /** Valid for an hour: longer than CDS Hooks' short-lived tokens. */
    public String longLived() {
        return token(claims -> claims.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
    }

    public String withoutJti() {
        return token(claims -> claims.jwtID(null));
    }

    public String withoutKid() {
        return sign(claims().build(), key, false);
    }

    /** Right key id, wrong key: only the signature is wrong. */
    public String signedByAnotherKey() {
        return sign(claims().build(), otherKey, true);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("ehr-client").audience(SERVICE_URL)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey, boolean withKid) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT);
            if (withKid) {
                header.keyID(signingKey.getKeyID());
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
