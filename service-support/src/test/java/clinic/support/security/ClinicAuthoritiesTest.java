package clinic.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims to authorities: {@code roles} to ROLE_*, {@code scope} to SCOPE_*, nothing from odd claims. */
class ClinicAuthoritiesTest {

    private final ClinicAuthorities converter = new ClinicAuthorities();

    @Test
    void rolesBecomeRoleAuthoritiesAndScopesScopeAuthorities() {
        AbstractAuthenticationToken authentication = converter.convert(jwt(Map.of("sub", "p-1",
                "roles", List.of("PATIENT", "CLINICIAN"), "scope", "openid reports:read")));

        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_PATIENT", "ROLE_CLINICIAN", "SCOPE_openid", "SCOPE_reports:read");
    }

    @Test
    void scopesMayBeAnArrayButOnlyTheScopeClaimCounts() {
        assertThat(authorities(Map.of("sub", "x", "scp", "y", "scope", List.of("triage:read", "metrics:read"))))
                .containsExactlyInAnyOrder("SCOPE_triage:read", "SCOPE_metrics:read");
    }

    @Test
    void oddClaimsGiveNoAuthorities() {
        assertThat(authorities(Map.of("sub", "x", "roles", "PATIENT"))).as("roles not an array").isEmpty();
        assertThat(authorities(Map.of("sub", "x", "scope", "  ", "roles", List.of(" ", 7)))).isEmpty();
        assertThat(authorities(Map.of("sub", "x", "roles", List.of(" CLINICIAN", "OPS ")))).as("padded names").isEmpty();
    }

    @Test
    void theAuthenticationIsNamedAfterTheActor() {
        assertThat(converter.convert(jwt(Map.of("sub", "clinician-demo", "roles", List.of("CLINICIAN"),
                "azp", "clinic-web"))).getName()).isEqualTo("clinician-demo");
        assertThat(converter.convert(jwt(Map.of("sub", "5f0c-uuid", "client_id", "clinic-integration")))
                .getName()).isEqualTo("clinic-integration");
    }

    @Test
    void anIdTokensRolesBecomeRoleAuthoritiesToo() {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token").subject("patient-1").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("roles", List.of("PATIENT")).build();

        assertThat(ClinicAuthorities.roleAuthorities(idToken)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_PATIENT");
    }

    private List<String> authorities(Map<String, Object> claims) {
        return converter.convert(jwt(claims)).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claims(all -> all.putAll(claims)).build();
    }
}
