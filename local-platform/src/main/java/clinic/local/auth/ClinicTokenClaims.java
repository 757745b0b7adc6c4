package clinic.local.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Adds what the resource servers decide on: {@code roles} (PATIENT, CLINICIAN, OPS; empty for machine
 * clients, which act only through their scopes) and an {@code aud} naming only the services where the token's
 * roles and scopes can do something ({@link TokenAudiences}), so each service's audience check keeps out tokens
 * that were never meant for it. The {@code sub} stays
 * as Spring Authorization Server sets it: the user name for people (the stable patient id of a patient) and
 * the client id for client credentials. The ID token keeps its standard audience (the client). The EHR client's
 * tokens are CDS Hooks tokens instead: {@code aud} is triage's CDS service URL and nothing else.
 */
@Component
class ClinicTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES_CLAIM = "roles";
    /** The stand-in EHR: its access tokens are CDS Hooks tokens, addressed to triage's CDS service alone. */
    static final String EHR_CLIENT = "clinic-ehr";
    private static final String ROLE_PREFIX = "ROLE_";

    private final String cdsServiceUrl;

    ClinicTokenClaims(@Value("${clinic.auth.cds-service-url}") String cdsServiceUrl) {
        this.cdsServiceUrl = cdsServiceUrl;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        List<String> roles = rolesOf(context);
        context.getClaims().claim(ROLES_CLAIM, roles);
        if (accessToken && EHR_CLIENT.equals(context.getRegisteredClient().getClientId())) {
            // CDS Hooks 2.0: aud is the CDS service's URL, and a unique jti lets the service refuse a replay
            context.getClaims().audience(List.of(cdsServiceUrl))
                    .claims(claims -> claims.putIfAbsent(JwtClaimNames.JTI, UUID.randomUUID().toString()));
        } else if (accessToken) {
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
