package clinic.support.apidocs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where the issuer's people log in and get tokens, for the OpenAPI document's {@code oauth2} scheme. Read from
 * the issuer's discovery document on first use, never at start-up: a service must start, and serve its API,
 * while the issuer is down (as its resource server does). Until discovery succeeds the addresses are the usual
 * ones of the issuer's kind (Keycloak under {@code /realms/}, else Spring Authorization Server), and discovery is
 * tried again at most every {@link #RETRY_AFTER}; a success is kept for good.
 */
public final class IssuerEndpoints {

    /** How long a document request may wait for the issuer: it is a person's browser that is waiting. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(IssuerEndpoints.class);

    /** An issuer's authorization and token endpoints. */
    public record Endpoints(String authorizationUrl, String tokenUrl) {
    }

    private final String issuer;
    private final RestClient rest;
    private final Clock clock;
    private Endpoints discovered;
    private Instant nextAttempt = Instant.MIN;

    public IssuerEndpoints(String issuer, RestClient rest, Clock clock) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.rest = rest;
        this.clock = clock;
    }

    public String issuer() {
        return issuer;
    }

    /** The issuer's origin ({@code scheme://host[:port]}), the one the Swagger UI's token requests go to. */
    public String origin() {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public synchronized Endpoints endpoints() {
        if (discovered != null) {
            return discovered;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return guessed();
        }
        nextAttempt = now.plus(RETRY_AFTER);
        try {
            Map<?, ?> metadata = rest.get().uri(issuer + "/.well-known/openid-configuration")
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(Map.class);
            if (metadata != null && metadata.get("authorization_endpoint") instanceof String authorization
                    && metadata.get("token_endpoint") instanceof String token) {
                discovered = new Endpoints(authorization, token);
                return discovered;
            }
            log.warn("The issuer's discovery document names no authorization or token endpoint; "
                    + "the API documents use the usual addresses");
        } catch (RuntimeException e) {
            // only the exception's type: the message may repeat a response body
            log.warn("Issuer discovery failed ({}); the API documents use the usual addresses for now",
                    e.getClass().getSimpleName());
        }
        return guessed();
    }

    /** The addresses an issuer of this kind usually has. */
    Endpoints guessed() {
        if (issuer.contains("/realms/")) {
            return new Endpoints(issuer + "/protocol/openid-connect/auth", issuer + "/protocol/openid-connect/token");
        }
        return new Endpoints(issuer + "/oauth2/authorize", issuer + "/oauth2/token");
    }
}
