package clinic.intake.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/**
 * Who is calling, for ownership and audit. A person's token (it has roles) is its {@code sub}; a
 * machine token (no roles) is its {@code client_id}, else {@code azp}, else {@code sub} (Keycloak puts
 * a uuid in the {@code sub} of service accounts). The role is the clinic role (several joined with
 * {@code ,}), {@code CLIENT} for machine tokens and {@code ANONYMOUS} without authentication.
 */
public record Actor(String id, String role) {

    public static final String ANONYMOUS = "ANONYMOUS";
    public static final String CLIENT = "CLIENT";
    private static final int MAX_LENGTH = 200;

    /** The actor of the current request. */
    public static Actor current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return new Actor(ANONYMOUS, ANONYMOUS);
        }
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .sorted().toList();
        String role = roles.isEmpty() ? CLIENT : String.join(",", roles);
        if (authentication instanceof JwtAuthenticationToken token) {
            return new Actor(clip(roles.isEmpty() ? machineId(token.getToken()) : token.getToken().getSubject()),
                    role);
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            return new Actor(clip(user.getSubject()), role);
        }
        return new Actor(clip(authentication.getName()), role);
    }

    /** Whether this actor may see every report rather than only its own. */
    public boolean isClinician() {
        return List.of(role.split(",")).contains("CLINICIAN");
    }

    private static String machineId(Jwt jwt) {
        for (String claim : List.of("client_id", "azp")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return jwt.getSubject();
    }

    private static String clip(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }
}
