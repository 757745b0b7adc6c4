package clinic.intake.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Authorities of a clinic token: claim {@code roles} (array) becomes {@code ROLE_<role>}, claim
 * {@code scope} (space-separated string, or an array as some issuers send it) becomes {@code SCOPE_<scope>}.
 * The same mapping serves the ID token of the page login, which carries {@code roles} too.
 */
final class ClinicAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    static final String ROLES = "roles";
    static final String SCOPE = "scope";

    static JwtAuthenticationConverter jwtConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new ClinicAuthorities());
        return converter;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles(jwt.getClaim(ROLES)).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        words(jwt.getClaim(SCOPE)).forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return authorities;
    }

    /** Role names from a {@code roles} claim value; anything that is not a list of strings gives none. */
    static List<String> roles(Object claim) {
        if (!(claim instanceof Collection<?> values)) {
            return List.of();
        }
        return values.stream().filter(String.class::isInstance).map(String.class::cast)
                .map(String::trim).filter(role -> !role.isEmpty()).toList();
    }

    private static List<String> words(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+")).stream().filter(word -> !word.isEmpty()).toList();
        }
        return roles(claim);
    }
}
