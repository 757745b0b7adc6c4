package clinic.intake.security;

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

/** The page login's registration is built on first use, so the service starts while the issuer is down. */
class LazyClientRegistrationsTest {

    @Test
    void buildsNothingUntilAskedAndFailsOnlyTheLoginWhileTheIssuerIsDown() throws IOException {
        String deadIssuer = "http://localhost:" + freePort();

        LazyClientRegistrations registrations = new LazyClientRegistrations(properties(deadIssuer));

        assertThatThrownBy(() -> registrations.findByRegistrationId("clinic")).isInstanceOf(RuntimeException.class);
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
