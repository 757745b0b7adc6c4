package clinic.support.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;

/**
 * Who is calling, for ownership, acknowledgements and the audit trail.
 * <p>
 * A person's token (one with clinic roles) is its {@code sub}; a machine token (no clinic roles) is its
 * {@code client_id}, else {@code azp}, else {@code sub} (Keycloak puts a uuid in the {@code sub} of service
 * accounts). A page login is the ID token's {@code sub}. The role is the caller's clinic roles, sorted and
 * joined with {@code ,}; {@link #CLIENT} for a machine; {@code ANONYMOUS} without a valid authentication (an
 * invalid token included: its claims are not trusted). Other roles an identity provider adds
 * ({@code offline_access}, ...) do not count.
 *
 * @param id   an id from the token, never a name or email (tokens of this platform carry ids in these claims)
 * @param role PATIENT, CLINICIAN or OPS (several joined with {@code ,}), CLIENT or ANONYMOUS
 */
public record Actor(String id, String role) {

    public static final String CLIENT = "CLIENT";
    public static final Actor ANONYMOUS = new Actor("anonymous", "ANONYMOUS");

    /** The roles of people, as the issuer puts them in the {@code roles} claim. */
    public static final List<String> CLINIC_ROLES = List.of("PATIENT", "CLINICIAN", "OPS");

    /** The audit table's column width; a longer claim is cut rather than failing the request. */
    private static final int MAX_ID_LENGTH = 200;

    /** The actor of the current request. */
    public static Actor current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return ANONYMOUS;
        }
        List<String> roles = clinicRoles(authentication.getAuthorities());
        String role = roles.isEmpty() ? CLIENT : String.join(",", roles);
        if (authentication instanceof JwtAuthenticationToken token) {
            return new Actor(clip(idOf(token.getToken(), roles)), role);
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            return new Actor(clip(user.getSubject()), role);
        }
        return new Actor(clip(authentication.getName()), role);
    }

    public boolean hasRole(String clinicRole) {
        return List.of(role.split(",")).contains(clinicRole);
    }

    public boolean isAnonymous() {
        return ANONYMOUS.role().equals(role);
    }

    /** The id of a bearer token's caller: the person's {@code sub}, or the machine's client. */
    static String idOf(Jwt jwt, List<String> clinicRoles) {
        if (!clinicRoles.isEmpty()) {
            return jwt.getSubject();
        }
        for (String claim : List.of("client_id", "azp")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return jwt.getSubject();
    }

    static List<String> clinicRoles(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ClinicAuthorities.ROLE_PREFIX))
                .map(authority -> authority.substring(ClinicAuthorities.ROLE_PREFIX.length()))
                .filter(CLINIC_ROLES::contains).distinct().sorted().toList();
    }

    private static String clip(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        return value.length() > MAX_ID_LENGTH ? value.substring(0, MAX_ID_LENGTH) : value;
    }
}
