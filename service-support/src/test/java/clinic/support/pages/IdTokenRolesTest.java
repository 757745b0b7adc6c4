package clinic.support.pages;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The page login's authorities come from the ID token's {@code roles} claim. */
class IdTokenRolesTest {

    @Test
    void theIdTokensRolesBecomeRoleAuthoritiesNextToTheOidcOnes() {
        Collection<? extends GrantedAuthority> mapped = ClinicPageLogin.idTokenRoles()
                .mapAuthorities(Set.of(new OidcUserAuthority(idToken(Map.of("roles", List.of("PATIENT")))),
                        new SimpleGrantedAuthority("SCOPE_openid")));

        assertThat(mapped).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("OIDC_USER", "SCOPE_openid", "ROLE_PATIENT");
    }

    @Test
    void anIdTokenWithoutRolesGivesNoRole() {
        Collection<? extends GrantedAuthority> mapped = ClinicPageLogin.idTokenRoles()
                .mapAuthorities(Set.of(new OidcUserAuthority(idToken(Map.of("roles", "PATIENT")))));

        assertThat(mapped).extracting(GrantedAuthority::getAuthority).containsExactly("OIDC_USER");
    }

    private static OidcIdToken idToken(Map<String, Object> claims) {
        return OidcIdToken.withTokenValue("id-token").subject("patient-1").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claims(all -> all.putAll(claims)).build();
    }
}
