package clinic.support.apidocs;

import com.sun.net.httpserver.HttpServer;

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

/**
 * A real HTTP issuer that answers only its discovery document, naming addresses no guess would give, on a port
 * chosen before it starts, so a test can use the address while the issuer is still down. Counts the discoveries.
 */
final class DiscoveryIssuer implements AutoCloseable {

    static final String AUTHORIZE = "/discovered/authorize";
    static final String TOKEN = "/discovered/token";

    private final int port = freePort();
    private final AtomicInteger discoveries = new AtomicInteger();
    private HttpServer server;

    String base() {
        return "http://localhost:" + port;
    }

    int discoveries() {
        return discoveries.get();
    }

    DiscoveryIssuer start() throws IOException {
        String base = base();
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> {
            discoveries.incrementAndGet();
            byte[] body = ("{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base + AUTHORIZE
                    + "\",\"token_endpoint\":\"" + base + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return this;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** A clock the test moves on by hand (past the retry interval). */
    static final class MovableClock extends Clock {
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
