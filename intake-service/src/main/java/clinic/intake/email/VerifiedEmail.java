package clinic.intake.email;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in person's email address where their issuer vouches for it: an {@code email} claim with
 * {@code email_verified} true, in the bearer token or in the pages' ID token. Such an address is the one the
 * person's reports are sent to, with no confirmation link needed (issue 12, finding 4). A machine client's token
 * has none, and an unverified claim counts as none.
 */
public final class VerifiedEmail {

    private VerifiedEmail() {
    }

    public static Optional<String> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Optional<String> of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromClaims(token.getToken().getClaims());
        }
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            return fromClaims(user.getClaims());
        }
        return Optional.empty();
    }

    private static Optional<String> fromClaims(Map<String, Object> claims) {
        Object email = claims.get("email");
        Object verified = claims.get("email_verified");
        boolean vouched = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (!vouched || !(email instanceof String address) || address.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(address.strip());
    }

    /** Addresses compared as people expect: case and surrounding spaces do not matter. */
    public static boolean sameAddress(String one, String other) {
        return normalized(one).equals(normalized(other));
    }

    static String normalized(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
