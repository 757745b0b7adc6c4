package clinic.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The actor behind each kind of authentication: a person, a machine client, a page login, nobody. */
class ActorTest {

    private final ClinicAuthorities converter = new ClinicAuthorities();

    @Test
    void aPersonIsTheirSubjectWithTheirRolesSorted() {
        assertThat(actor(Map.of("sub", "p-1", "roles", List.of("PATIENT"), "client_id", "clinic-web")))
                .isEqualTo(new Actor("p-1", "PATIENT"));
        Actor staff = actor(Map.of("sub", "s-1", "roles", List.of("OPS", "CLINICIAN"), "scope", "openid profile"));
        assertThat(staff).isEqualTo(new Actor("s-1", "CLINICIAN,OPS"));
        assertThat(staff.hasRole("CLINICIAN")).isTrue();
        assertThat(staff.hasRole("PATIENT")).isFalse();
    }

    @Test
    void aMachineIsItsClientIdElseAzpElseSubject() {
        assertThat(actor(Map.of("sub", "5f0c-uuid", "client_id", "clinic-integration", "azp", "other",
                "scope", "triage:read"))).isEqualTo(new Actor("clinic-integration", "CLIENT"));
        assertThat(actor(Map.of("sub", "5f0c-uuid", "azp", "keycloak-client", "roles", List.of())))
                .isEqualTo(new Actor("keycloak-client", "CLIENT"));
        assertThat(actor(Map.of("sub", "5f0c-uuid"))).isEqualTo(new Actor("5f0c-uuid", "CLIENT"));
    }

    @Test
    void rolesOutsideTheClinicsDoNotCount() {
        assertThat(actor(Map.of("sub", "uuid-1", "client_id", "integration", "roles", List.of("offline_access"))))
                .isEqualTo(new Actor("integration", "CLIENT"));
        assertThat(actor(Map.of("sub", "p-2", "roles", List.of("uma_authorization", "PATIENT"))))
                .isEqualTo(new Actor("p-2", "PATIENT"));
    }

    @Test
    void aPageLoginIsTheIdTokensSubject() {
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token").subject("patient-7").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("name", "Jane Doe").build();
        var authorities = AuthorityUtils.createAuthorityList("OIDC_USER", "ROLE_PATIENT");

        Actor actor = Actor.of(new TestingAuthenticationToken(new DefaultOidcUser(authorities, idToken, "name"),
                null, authorities));

        assertThat(actor).isEqualTo(new Actor("patient-7", "PATIENT"));
    }

    @Test
    void withoutAValidAuthenticationTheActorIsAnonymous() {
        assertThat(Actor.of(null)).isEqualTo(new Actor("anonymous", "ANONYMOUS")).isEqualTo(Actor.ANONYMOUS);
        assertThat(Actor.of(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(Actor.ANONYMOUS);
        assertThat(Actor.of(new UsernamePasswordAuthenticationToken("p-1", "secret"))).as("not authenticated")
                .isEqualTo(Actor.ANONYMOUS);
        assertThat(Actor.ANONYMOUS.isAnonymous()).isTrue();
    }

    @Test
    void aVeryLongIdIsCutToTheAuditColumn() {
        Actor actor = Actor.of(new TestingAuthenticationToken("x".repeat(300), null, "ROLE_OPS"));

        assertThat(actor.id()).hasSize(200);
        assertThat(actor.isAnonymous()).isFalse();
    }

    private Actor actor(Map<String, Object> claims) {
        return Actor.of(converter.convert(ClinicAuthoritiesTest.jwt(claims)));
    }
}
