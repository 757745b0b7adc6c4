package clinic.support.apidocs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer's addresses for the API documents, against a real HTTP issuer: asked for on first use only, the
 * usual addresses while the issuer is down, and the discovered ones once it answers.
 */
class IssuerEndpointsTest {

    private final DiscoveryIssuer issuer = new DiscoveryIssuer();

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void asksTheIssuerOnFirstUseOnlyAndKeepsItsAnswer() throws IOException {
        String base = issuer.start().base();
        IssuerEndpoints endpoints = new IssuerEndpoints(base, RestClient.create(), Clock.systemUTC());

        assertThat(issuer.discoveries()).as("nothing at construction (start-up)").isZero();
        IssuerEndpoints.Endpoints found = endpoints.endpoints();
        endpoints.endpoints();

        assertThat(found.authorizationUrl()).isEqualTo(base + DiscoveryIssuer.AUTHORIZE);
        assertThat(found.tokenUrl()).isEqualTo(base + DiscoveryIssuer.TOKEN);
        assertThat(issuer.discoveries()).isEqualTo(1);
    }

    @Test
    void whileTheIssuerIsDownGivesTheUsualAddressesAndTriesAgainLater() throws IOException {
        String base = issuer.base();
        DiscoveryIssuer.MovableClock clock = new DiscoveryIssuer.MovableClock();
        IssuerEndpoints endpoints = new IssuerEndpoints(base + "/", RestClient.create(), clock);

        IssuerEndpoints.Endpoints guessed = endpoints.endpoints();
        assertThat(guessed.authorizationUrl()).isEqualTo(base + "/oauth2/authorize");
        assertThat(guessed.tokenUrl()).isEqualTo(base + "/oauth2/token");

        issuer.start();
        assertThat(endpoints.endpoints()).as("not before the retry interval").isEqualTo(guessed);
        assertThat(issuer.discoveries()).isZero();
        clock.now = clock.now.plus(IssuerEndpoints.RETRY_AFTER);
        assertThat(endpoints.endpoints().tokenUrl()).isEqualTo(base + DiscoveryIssuer.TOKEN);
        assertThat(issuer.discoveries()).isEqualTo(1);
    }

    @Test
    void guessesKeycloaksAddressesForAKeycloakRealm() {
        IssuerEndpoints endpoints = new IssuerEndpoints(issuer.base() + "/realms/clinic", RestClient.create(),
                Clock.systemUTC());

        assertThat(endpoints.guessed().authorizationUrl()).endsWith("/realms/clinic/protocol/openid-connect/auth");
        assertThat(endpoints.guessed().tokenUrl()).endsWith("/realms/clinic/protocol/openid-connect/token");
        assertThat(endpoints.origin()).startsWith("http://localhost:").doesNotContain("/realms");
    }
}
