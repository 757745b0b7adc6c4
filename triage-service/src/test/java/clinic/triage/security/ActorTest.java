package clinic.triage.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles and scopes become authorities; the actor is the person, or the machine client, behind a token. */
class ActorTest {

    private final ClinicAuthorities converter = new ClinicAuthorities();

    @Test
    void aPersonIsNamedBySubjectAndCarriesTheirRolesAndScopes() {
        Jwt jwt = jwt(Map.of("sub", "clinician-demo", "roles", List.of("CLINICIAN", "OPS"), "scope", "openid profile",
                "azp", "clinic-web"));

        var authentication = converter.convert(jwt);

        assertThat(authentication.getName()).isEqualTo("clinician-demo");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_openid", "SCOPE_profile");
        assertThat(Actor.of(authentication)).isEqualTo(new Actor("clinician-demo", "CLINICIAN,OPS"));
    }

    @Test
    void aMachineIsNamedByClientIdThenAzpThenSubject() {
        assertThat(Actor.of(converter.convert(jwt(Map.of("sub", "5f0c-uuid", "client_id", "clinic-integration",
                "azp", "other", "scope", "triage:read"))))).isEqualTo(new Actor("clinic-integration", "CLIENT"));
        assertThat(Actor.of(converter.convert(jwt(Map.of("sub", "5f0c-uuid", "azp", "clinic-integration",
                "roles", List.of()))))).isEqualTo(new Actor("clinic-integration", "CLIENT"));
        assertThat(Actor.of(converter.convert(jwt(Map.of("sub", "5f0c-uuid")))))
                .isEqualTo(new Actor("5f0c-uuid", "CLIENT"));
    }

    @Test
    void scopesMayBeAnArrayAndOddClaimsGiveNoAuthorities() {
        assertThat(converter.convert(jwt(Map.of("sub", "x", "scope", List.of("triage:read", "metrics:read"))))
                .getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("SCOPE_triage:read", "SCOPE_metrics:read");
        assertThat(converter.convert(jwt(Map.of("sub", "x", "scope", "  ", "roles", "CLINICIAN")))
                .getAuthorities()).isEmpty();
    }

    @Test
    void nobodyAuthenticatedIsAnonymous() {
        assertThat(Actor.of(null)).isEqualTo(Actor.ANONYMOUS);
        assertThat(Actor.of(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(Actor.ANONYMOUS);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claims(all -> all.putAll(claims)).build();
    }
}
