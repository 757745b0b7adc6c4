package clinic.support.pages;

import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each registration is built on its first use, so a service starts while the issuer is down. */
class LazyClientRegistrationsTest {

    @Test
    void buildsNothingUntilAskedAndFailsOnlyTheLoginWhileTheIssuerIsDown() throws IOException {
        String deadIssuer = "http://localhost:" + freePort();

        LazyClientRegistrations registrations = new LazyClientRegistrations(properties(deadIssuer));

        assertThatThrownBy(() -> registrations.findByRegistrationId("clinic")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aClientCredentialsRegistrationIsBuiltWhileTheLoginsIssuerIsDown() throws IOException {
        OAuth2ClientProperties properties = properties("http://localhost:" + freePort());
        OAuth2ClientProperties.Registration contacts = new OAuth2ClientProperties.Registration();
        contacts.setProvider("machines");
        contacts.setClientId("notification-service");
        contacts.setClientSecret("secret");
        contacts.setAuthorizationGrantType("client_credentials");
        properties.getRegistration().put("patientcontacts", contacts);
        OAuth2ClientProperties.Provider machines = new OAuth2ClientProperties.Provider();
        machines.setTokenUri("http://localhost:1/oauth2/token");
        properties.getProvider().put("machines", machines);
        LazyClientRegistrations registrations = new LazyClientRegistrations(properties);

        assertThatThrownBy(() -> registrations.findByRegistrationId("clinic")).isInstanceOf(RuntimeException.class);
        assertThat(registrations.findByRegistrationId("patientcontacts").getProviderDetails().getTokenUri())
                .isEqualTo("http://localhost:1/oauth2/token");
        assertThat(registrations.findByRegistrationId("nobody")).isNull();
    }

    @Test
    void buildsThePublicClientFromTheIssuersMetadataOnFirstUse() {
        TestIssuer issuer = TestIssuer.get();

        ClientRegistration clinic = new LazyClientRegistrations(properties(issuer.issuerUri()))
                .findByRegistrationId("clinic");

        assertThat(clinic.getClientId()).isEqualTo("clinic-web");
        assertThat(clinic.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(clinic.getProviderDetails().getAuthorizationUri()).isEqualTo(issuer.authorizationUri());
        assertThat(clinic.getProviderDetails().getIssuerUri()).as("checked against the ID token's iss")
                .isEqualTo(issuer.issuerUri());
        assertThat(clinic.getProviderDetails().getJwkSetUri()).isEqualTo(issuer.jwkSetUri());
    }

    private static OAuth2ClientProperties properties(String issuerUri) {
        OAuth2ClientProperties properties = new OAuth2ClientProperties();
        OAuth2ClientProperties.Registration registration = new OAuth2ClientProperties.Registration();
        registration.setProvider("clinic");
        registration.setClientId("clinic-web");
        registration.setClientAuthenticationMethod("none");
        registration.setAuthorizationGrantType("authorization_code");
        registration.setScope(Set.of("openid"));
        registration.setRedirectUri("{baseUrl}/login/oauth2/code/{registrationId}");
        properties.getRegistration().put("clinic", registration);
        OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
        provider.setIssuerUri(issuerUri);
        properties.getProvider().put("clinic", provider);
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
