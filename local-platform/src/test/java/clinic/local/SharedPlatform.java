package clinic.local;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One running launcher ({@link LocalPlatform} on free ports) shared by the test classes that drive the
 * platform as its users do (end to end, access control, the pages in a browser): starting it takes most of
 * a minute, and none of those classes changes anything the others rely on. It starts before the first such
 * class and stops when the whole test run ends. The JVM's log is recorded from before the first service
 * starts, for the canary search.
 */
final class SharedPlatform implements BeforeAllCallback {

    /** What the classes get: the launcher and the clients that talk to it. */
    record Running(LocalPlatform platform, PlatformClient client, KafkaProbe kafka, Mailbox mailbox, Path dataDir)
            implements AutoCloseable {

        PlatformSettings settings() {
            return platform.settings();
        }

        @Override
        public void close() {
            try {
                kafka.close();
            } finally {
                platform.close();
                CapturedLogs.stopRecording();
                deleteQuietly(dataDir);
            }
        }
    }

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        get(context);
    }

    static synchronized Running get(ExtensionContext context) {
        if (running == null) {
            running = start();
            // the root context's store closes its AutoCloseable values when the whole test plan has run
            context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPlatform.class))
                    .put("platform", running);
        }
        return running;
    }

    /** The platform, for classes registered with {@code @ExtendWith(SharedPlatform.class)}. */
    static synchronized Running running() {
        if (running == null) {
            throw new IllegalStateException("register the class with @ExtendWith(SharedPlatform.class)");
        }
        return running;
    }

    private static Running start() {
        CapturedLogs.startRecording();
        try {
            Path dataDir = Files.createTempDirectory("shared-platform-");
            LocalPlatform platform = LocalPlatform.start(FreePorts.settings(dataDir));
            return new Running(platform, new PlatformClient(platform.settings()),
                    new KafkaProbe(platform.settings().kafkaBootstrap()), new Mailbox(platform.settings().imapPort()),
                    dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
