package clinic.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for platforms started by tests. They come from below the kernel's ephemeral range (Linux: 32768 and
 * up): a port the OS handed out with {@code bind(0)} is free only for that instant, and every outgoing
 * connection of the running platform (Kafka clients, HTTP calls, JDBC) takes ephemeral ports too, so a port
 * picked that way was sometimes taken again before the service bound it ("Port ... already in use").
 * Each port is also handed out once per JVM and checked to be bindable.
 */
final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!handedOut.contains(port) && bindable(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Turns intake's submission quotas off for tests that submit bursts as one client. */
    static final String NO_SUBMISSION_LIMIT = "--clinic.intake.rate-limit.enabled=false";

    static PlatformSettings settings(Path dataDir) {
        // The tests submit bursts as one integration client; the submission quotas themselves are tested in
        // intake-service, so here it only needs to stay out of the way.
        return new PlatformSettings(dataDir, next(), next(), next(), next(), next(), next(), next(), next())
                .withServiceOverrides(NO_SUBMISSION_LIMIT);
    }
}
