package clinic.support.apidocs;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer's addresses for the API documents, against a real HTTP issuer: asked for on first use only, the
 * usual addresses while the issuer is down, and the discovered ones once it answers.
 */
class IssuerEndpointsTest {

    private HttpServer issuer;
    private final AtomicInteger discoveries = new AtomicInteger();

    @AfterEach
    void stop() {
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    @Test
    void asksTheIssuerOnFirstUseOnlyAndKeepsItsAnswer() throws IOException {
        String base = startIssuer(freePort());
        IssuerEndpoints endpoints = new IssuerEndpoints(base, RestClient.create(), Clock.systemUTC());

        assertThat(discoveries).as("nothing at construction (start-up)").hasValue(0);
        IssuerEndpoints.Endpoints found = endpoints.endpoints();
        endpoints.endpoints();

        assertThat(found.authorizationUrl()).isEqualTo(base + "/login/authorize-here");
        assertThat(found.tokenUrl()).isEqualTo(base + "/tokens-here");
        assertThat(discoveries).hasValue(1);
    }

    @Test
    void whileTheIssuerIsDownGivesTheUsualAddressesAndTriesAgainLater() throws IOException {
        int port = freePort();
        String base = "http://localhost:" + port;
        MutableClock clock = new MutableClock();
        IssuerEndpoints endpoints = new IssuerEndpoints(base + "/", RestClient.create(), clock);

        IssuerEndpoints.Endpoints guessed = endpoints.endpoints();
        assertThat(guessed.authorizationUrl()).isEqualTo(base + "/oauth2/authorize");
        assertThat(guessed.tokenUrl()).isEqualTo(base + "/oauth2/token");

        startIssuer(port);
        assertThat(endpoints.endpoints()).as("not before the retry interval").isEqualTo(guessed);
        assertThat(discoveries).hasValue(0);
        clock.now = clock.now.plus(IssuerEndpoints.RETRY_AFTER);
        assertThat(endpoints.endpoints().tokenUrl()).isEqualTo(base + "/tokens-here");
        assertThat(discoveries).hasValue(1);
    }

    @Test
    void guessesKeycloaksAddressesForAKeycloakRealm() throws IOException {
        IssuerEndpoints endpoints = new IssuerEndpoints("http://localhost:" + freePort() + "/realms/clinic",
                RestClient.create(), Clock.systemUTC());

        assertThat(endpoints.guessed().authorizationUrl()).endsWith("/realms/clinic/protocol/openid-connect/auth");
        assertThat(endpoints.guessed().tokenUrl()).endsWith("/realms/clinic/protocol/openid-connect/token");
        assertThat(endpoints.origin()).startsWith("http://localhost:").doesNotContain("/realms");
    }

    private String startIssuer(int port) throws IOException {
        String base = "http://localhost:" + port;
        issuer = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        issuer.createContext("/.well-known/openid-configuration", exchange -> {
            discoveries.incrementAndGet();
            byte[] body = ("{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base
                    + "/login/authorize-here\",\"token_endpoint\":\"" + base + "/tokens-here\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        issuer.start();
        return base;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
