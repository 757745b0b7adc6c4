package clinic.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

final class FreePorts {

    private FreePorts() {
    }

    static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lifts intake's per-caller submission limit for tests that submit bursts as one client. */
    static final String NO_SUBMISSION_LIMIT = "--clinic.intake.rate-limit.submissions=100000";

    static PlatformSettings settings(Path dataDir) {
        // The tests submit bursts as one integration client; the submission rate limit itself is tested in
        // intake-service, so here it only needs to stay out of the way.
        return new PlatformSettings(dataDir, next(), next(), next(), next(), next(), next(), next(), next())
                .withServiceOverrides(NO_SUBMISSION_LIMIT);
    }
}
