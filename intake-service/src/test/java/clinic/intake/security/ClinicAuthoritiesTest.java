package clinic.intake.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims to authorities, and the actor of each kind of token. */
class ClinicAuthoritiesTest {

    @Test
    void rolesBecomeRoleAuthoritiesAndScopesScopeAuthorities() {
        Jwt jwt = jwt(Map.of("sub", "p-1", "roles", List.of("PATIENT", "CLINICIAN"), "scope", "openid reports:read"));

        assertThat(new ClinicAuthorities().convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_PATIENT", "ROLE_CLINICIAN", "SCOPE_openid", "SCOPE_reports:read");
        assertThat(new ClinicAuthorities().convert(jwt(Map.of("sub", "x", "scp", "y", "scope", List.of("a", "b")))))
                .extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("SCOPE_a", "SCOPE_b");
        assertThat(new ClinicAuthorities().convert(jwt(Map.of("sub", "x", "roles", "PATIENT")))).as("not an array")
                .isEmpty();
    }

    @Test
    void aPersonIsTheirSubjectWithTheirRoles() {
        Actor actor = actor(Map.of("sub", "p-1", "roles", List.of("PATIENT"), "client_id", "clinic-web"));

        assertThat(actor).isEqualTo(new Actor("p-1", "PATIENT"));
        assertThat(actor(Map.of("sub", "s-1", "roles", List.of("OPS", "CLINICIAN"))))
                .isEqualTo(new Actor("s-1", "CLINICIAN,OPS"));
        assertThat(actor(Map.of("sub", "s-1", "roles", List.of("OPS", "CLINICIAN"))).isClinician()).isTrue();
    }

    @Test
    void aMachineIsItsClientIdElseAzpElseSubject() {
        assertThat(actor(Map.of("sub", "uuid-1", "client_id", "integration", "azp", "other")))
                .isEqualTo(new Actor("integration", "CLIENT"));
        assertThat(actor(Map.of("sub", "uuid-1", "azp", "keycloak-client"))).isEqualTo(
                new Actor("keycloak-client", "CLIENT"));
        assertThat(actor(Map.of("sub", "uuid-1"))).isEqualTo(new Actor("uuid-1", "CLIENT"));
    }

    @Test
    void withoutAuthenticationTheActorIsAnonymous() {
        assertThat(Actor.of(null)).isEqualTo(new Actor("ANONYMOUS", "ANONYMOUS"));
        assertThat(Actor.of(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(new Actor("ANONYMOUS", "ANONYMOUS"));
    }

    private static Actor actor(Map<String, Object> claims) {
        Jwt jwt = jwt(claims);
        return Actor.of(new JwtAuthenticationToken(jwt, new ClinicAuthorities().convert(jwt)));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), claims);
    }
}
