package clinic.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The launcher ({@link LocalPlatform}) in a JVM of its own, as a user runs it, so that a test can kill it with
 * SIGKILL and start it again on the same data folder. Its output goes to {@code target/<folder>/<name>-run.log},
 * kept so that a failed run can be read afterwards.
 */
final class LauncherProcess {

    private LauncherProcess() {
    }

    /**
     * Starts the launcher on these settings' ports and data folder and returns once all three services are ready.
     *
     * @param jvmOptions system properties and the like; the services run in the launcher's JVM, so they reach all three
     */
    static Process start(PlatformSettings settings, List<String> jvmOptions, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                LocalPlatform.class.getName(),
                "--data-dir=" + settings.dataDir(),
                "--kafka-port=" + settings.kafkaPort(), "--controller-port=" + settings.controllerPort(),
                "--intake-port=" + settings.intakePort(), "--triage-port=" + settings.triagePort(),
                "--notification-port=" + settings.notificationPort(),
                "--smtp-port=" + settings.smtpPort(), "--imap-port=" + settings.imapPort(),
                "--auth-port=" + settings.authPort()));
        command.addAll(settings.serviceOverrides());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            new ReadinessProbe().awaitReady(List.of(settings.intakePort(), settings.triagePort(),
                    settings.notificationPort()));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /** Stops a launcher still running (a clean shutdown, forced after 30 s); null or dead is fine. */
    static void stop(Process running) throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        }
    }
}
