package clinic.local.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Adds what the resource servers decide on: {@code roles} (PATIENT, CLINICIAN, OPS; empty for machine
 * clients, which act only through their scopes) and an {@code aud} naming only the services where the token's
 * roles and scopes can do something ({@link TokenAudiences}), so each service's audience check keeps out tokens
 * that were never meant for it. The {@code sub} stays
 * as Spring Authorization Server sets it: the user name for people (the stable patient id of a patient) and
 * the client id for client credentials. The ID token keeps its standard audience (the client).
 */
@Component
class ClinicTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES_CLAIM = "roles";
    private static final String ROLE_PREFIX = "ROLE_";

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        List<String> roles = rolesOf(context);
        context.getClaims().claim(ROLES_CLAIM, roles);
        if (accessToken) {
            context.getClaims().audience(TokenAudiences.of(roles, context.getAuthorizedScopes()));
        }
    }

    private static List<String> rolesOf(JwtEncodingContext context) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return List.of();
        }
        Authentication principal = context.getPrincipal();
        return principal.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
    }
}
