package clinic.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service in a JVM of its own, started from this test JVM's classpath, its output kept in a log
 * file. {@link #kill()} is a real SIGKILL: no shutdown hook, no graceful close, nothing flushed.
 */
final class ServiceProcess {

    static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");
    /** Other flags for the services' JVMs, space-separated (the memory benchmark's Kubernetes settings). */
    static final String JVM_FLAGS_PROPERTY = "clinic.service.jvm-flags";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String mainClass;
    private final int port;
    private final Process process;
    private final Path log;
    private final long launchedAt = System.nanoTime();

    private ServiceProcess(String name, String mainClass, int port, Process process, Path log) {
        this.name = name;
        this.mainClass = mainClass;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with the given arguments; does not wait for it to be ready. */
    static ServiceProcess start(String name, String mainClass, int port, List<String> args, Map<String, String> env,
                                Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new ServiceProcess(name, mainClass, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * The tests' flags, unless {@value #JVM_FLAGS_PROPERTY} names others (space-separated): the memory benchmark runs
     * the services with their Kubernetes settings instead.
     */
    static List<String> jvmFlags() {
        String configured = System.getProperty(JVM_FLAGS_PROPERTY, "").strip();
        return configured.isEmpty() ? JVM_FLAGS : List.of(configured.split("\\s+"));
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    String mainClass() {
        return mainClass;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Waits until the readiness probe answers UP; fails at once (with the log's tail) if the JVM died. */
    ServiceProcess awaitReady(Duration timeout) {
        try {
            await("readiness of " + name).atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue()
                                    + "; log " + log + ":\n" + tail(40));
                        }
                        return isReady();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready in " + timeout + "; log " + log + ":\n" + tail(40), e);
        }
        System.out.println(this + " ready " + (System.nanoTime() - launchedAt) / 1_000_000 + " ms after launch");
        return this;
    }

    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM (Spring's graceful shutdown), SIGKILL if it takes longer than 30 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        awaitStopped();
    }

    /** SIGTERM without waiting: several services can shut down at the same time. */
    void requestStop() {
        process.destroy();
    }

    /** Waits up to 30 s for a requested stop, then SIGKILLs. */
    void awaitStopped() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "; log " + log + ":\n" + tail(30));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }
}
