package clinic.triage.cds.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * CDS Hooks 2.0's rules for the JWT an EHR sends, after its signature has been checked against the issuer's JWKS:
 * {@code iss} is the trusted issuer, {@code aud} is this service's own endpoint URL, {@code exp} and {@code iat} are
 * there, consistent with our clock and at most {@code maxLifetime} apart, the header names its {@code kid}, and the
 * {@code jti} was never used before. The jti is recorded last, only for a token that passed everything else, so
 * a forged or misdirected token cannot burn a legitimate token's id.
 */
final class EhrTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final int MAX_JTI_LENGTH = 200;

    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Duration skew;
    private final TokenUses uses;
    private final Clock clock;

    EhrTokenValidator(String issuer, String audience, Duration maxLifetime, Duration skew, TokenUses uses,
                      Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.maxLifetime = maxLifetime;
        this.skew = skew;
        this.uses = uses;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String problem = problem(jwt);
        if (problem == null && !uses.firstUse(issuer, jwt.getId(), jwt.getExpiresAt(), clock.instant())) {
            problem = "jti was used before";
        }
        // the reason goes into the exception only; the EHR gets service-support's fixed problem+json text
        return problem == null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, problem, null));
    }

    private String problem(Jwt jwt) {
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        Instant issuedAt = jwt.getIssuedAt();
        List<String> audiences = jwt.getAudience();
        if (!issuer.equals(jwt.getClaimAsString("iss"))) {
            return "iss is not the trusted issuer";
        }
        if (audiences == null || !audiences.contains(audience)) {
            return "aud is not this CDS service's URL";
        }
        if (expiresAt == null || issuedAt == null) {
            return "exp and iat are required";
        }
        if (!expiresAt.isAfter(now.minus(skew))) {
            return "expired";
        }
        if (issuedAt.isAfter(now.plus(skew))) {
            return "iat is in the future";
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
            return "the token lives longer than " + maxLifetime;
        }
        if (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plus(skew))) {
            return "not valid yet";
        }
        if (!(jwt.getHeaders().get("kid") instanceof String kid) || kid.isBlank()) {
            return "the header names no kid";
        }
        String jti = jwt.getId();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            return "jti is missing or too long";
        }
        return null;
    }
}
