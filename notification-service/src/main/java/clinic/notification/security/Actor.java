package clinic.notification.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/**
 * Who makes a request, for acknowledgements and the audit trail. A person's token (one with clinic roles) is
 * identified by {@code sub}; a machine token (no clinic roles) by {@code client_id}, else {@code azp}, else
 * {@code sub} (Keycloak puts a uuid in the {@code sub} of service-account tokens).
 *
 * @param name the actor's id (never a name or email: tokens of this platform carry ids in these claims)
 * @param role PATIENT, CLINICIAN or OPS (several joined with {@code ,}), CLIENT for machines, ANONYMOUS
 */
public record Actor(String name, String role) {

    public static final String CLIENT = "CLIENT";
    public static final String ANONYMOUS = "ANONYMOUS";

    private static final Actor NOBODY = new Actor("anonymous", ANONYMOUS);

    public static Actor of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            return of(token.getToken());
        }
        return NOBODY;
    }

    static Actor of(Jwt jwt) {
        List<String> roles = ClinicAuthorities.clinicRoles(jwt);
        if (!roles.isEmpty()) {
            return new Actor(limit(jwt.getSubject()), String.join(",", roles));
        }
        String id = firstPresent(jwt.getClaimAsString("client_id"), jwt.getClaimAsString("azp"), jwt.getSubject());
        return new Actor(limit(id), CLIENT);
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "unknown";
    }

    /** The audit column holds 200 characters; a longer claim is cut rather than failing the request. */
    private static String limit(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        return value.length() <= 200 ? value : value.substring(0, 200);
    }
}
