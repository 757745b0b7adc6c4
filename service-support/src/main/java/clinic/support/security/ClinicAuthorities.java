package clinic.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The authorities of a clinic token: claim {@code roles} (an array) becomes {@code ROLE_<role>}, claim
 * {@code scope} (a space-separated string, or an array as some issuers send it) becomes {@code SCOPE_<scope>}.
 * Anything else gives nothing: a {@code roles} string, numbers in the array, and values with spaces around
 * them (an issuer that pads role names is misconfigured; guessing what it meant would make one parser's
 * behaviour depend on whitespace). The authentication's name is the
 * {@link Actor}'s id, so ownership, acknowledgements and the audit trail all read one value.
 */
public final class ClinicAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLE_PREFIX = "ROLE_";
    static final String SCOPE_PREFIX = "SCOPE_";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(roleAuthorities(jwt));
        words(jwt.getClaim("scope")).forEach(scope -> authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope)));
        return new JwtAuthenticationToken(jwt, authorities, Actor.idOf(jwt, Actor.clinicRoles(authorities)));
    }

    /**
     * {@code ROLE_<role>} for each entry of the token's {@code roles} claim: of an access token, or of the ID
     * token of a page login, which carries the same claim.
     */
    public static List<GrantedAuthority> roleAuthorities(ClaimAccessor token) {
        return strings(token.getClaim("roles")).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(ROLE_PREFIX + role)).toList();
    }

    private static List<String> words(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+")).stream().filter(word -> !word.isEmpty()).toList();
        }
        return strings(claim);
    }

    private static List<String> strings(Object claim) {
        if (!(claim instanceof Collection<?> values)) {
            return List.of();
        }
        return values.stream().filter(String.class::isInstance).map(String.class::cast)
                .filter(value -> !value.isBlank() && value.equals(value.strip())).toList();
    }
}
