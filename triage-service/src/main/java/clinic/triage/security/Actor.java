package clinic.triage.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;

/**
 * Who is calling, for the audit trail: a person's token names them by {@code sub}; a machine token (no
 * roles) by {@code client_id}, else {@code azp}, else {@code sub} (Keycloak puts a uuid in the {@code sub}
 * of service-account tokens). The role is the token's clinic role(s), CLIENT for machines, ANONYMOUS
 * when nobody is authenticated (an invalid token included: its claims are not trusted).
 */
public record Actor(String name, String role) {

    public static final Actor ANONYMOUS = new Actor("anonymous", "ANONYMOUS");

    public static Actor of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            List<String> roles = roles(token.getToken());
            return new Actor(token.getName(), roles.isEmpty() ? "CLIENT" : String.join(",", roles));
        }
        return ANONYMOUS;
    }

    static String nameOf(Jwt jwt) {
        if (!roles(jwt).isEmpty()) {
            return jwt.getSubject();
        }
        for (String claim : List.of("client_id", "azp", "sub")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "unknown";
    }

    static List<String> roles(Jwt jwt) {
        if (jwt.getClaims().get("roles") instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(role -> !role.isBlank()).toList();
        }
        return List.of();
    }
}
