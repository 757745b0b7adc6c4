package clinic.notification.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a token to authorities: claim {@code roles} (array) to {@code ROLE_<role>}, claim {@code scope}
 * (space-separated string, or array) to {@code SCOPE_<scope>}. The principal name is the {@link Actor}'s.
 */
class ClinicAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    static final Set<String> CLINIC_ROLES = Set.of("PATIENT", "CLINICIAN", "OPS");

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        values(jwt.getClaim("roles")).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        values(jwt.getClaim("scope")).forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return new JwtAuthenticationToken(jwt, authorities, Actor.of(jwt).name());
    }

    /** The token's clinic roles, in token order; other roles an identity provider may add do not count. */
    static List<String> clinicRoles(Jwt jwt) {
        return values(jwt.getClaim("roles")).stream().filter(CLINIC_ROLES::contains).toList();
    }

    private static List<String> values(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof String text) {
            for (String part : text.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        } else if (claim instanceof Collection<?> items) {
            items.stream().filter(item -> item instanceof String).map(item -> ((String) item).trim())
                    .filter(item -> !item.isEmpty()).forEach(values::add);
        }
        return List.copyOf(values);
    }
}
