package clinic.local;

import clinic.local.FaultPlatform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resident memory of each service in a JVM of its own, started with its Kubernetes settings (the
 * {@code JAVA_TOOL_OPTIONS} of {@code deploy/k8s/base/<service>/deployment.yaml}, and {@code -XX:MaxRAM} at the
 * container's memory limit, which is what the JVM would see in the container), under an open-loop load: reports
 * submitted on a fixed schedule, one in five urgent. Prints each service's peak RSS ({@code VmHWM}) against its limit.
 * A benchmark, not a test: the name keeps it out of {@code ./mvnw verify}; run it on purpose with
 * <pre>
 * ./mvnw -q -o -pl local-platform -am verify -Dtest=MemoryFootprintBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.rate=20] [-Dbench.seconds=120]
 * </pre>
 * The services run on H2 files (triage on an embedded PostgreSQL), not the cluster's PostgreSQL, without TLS to
 * Kafka and with Tomcat's default thread limit (the manifests cap it at 64); triage and notification run as their
 * fault-injecting twins, disarmed (the same application plus a record counter).
 */
class MemoryFootprintBenchmark {

    private static final Map<Service, String> MODULES = Map.of(Service.INTAKE, "intake-service",
            Service.TRIAGE, "triage-service", Service.NOTIFICATION, "notification-service");

    @TempDir
    Path dataDir;

    @Test
    void peakResidentMemoryOfEachServiceUnderLoadAgainstItsContainerLimit() throws Exception {
        int rate = Integer.getInteger("bench.rate", 20);
        int seconds = Integer.getInteger("bench.seconds", 120);
        Deployment intake = Deployment.of(MODULES.get(Service.INTAKE));
        for (String module : MODULES.values()) {
            assertThat(Deployment.of(module)).as(module + ": one JVM setting for all three, measured once")
                    .isEqualTo(intake);
        }
        String flags = "-XX:MaxRAM=" + intake.limitMiB() + "m " + intake.javaToolOptions();
        System.setProperty(ServiceProcess.JVM_FLAGS_PROPERTY, flags);
        System.out.printf(Locale.ROOT, "JVM flags of each service: %s%n", flags);

        Map<Service, Long> peaks = new EnumMap<>(Service.class);
        Map<Service, Long> lastRss = new EnumMap<>(Service.class);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (FaultPlatform platform = FaultPlatform.start("MemoryFootprintBenchmark", dataDir)) {
            Map<Service, Long> pids = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                pids.put(service, platform.process(service).pid());
            }
            Map<Service, Long> peakSeen = new ConcurrentHashMap<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> pids.forEach((service, pid) ->
                    peakSeen.merge(service, status(pid, "VmHWM"), Math::max)), 0, 1, TimeUnit.SECONDS);
            // open loop: each report has its slot on the schedule, whatever the previous ones are doing
            ExecutorService senders = Executors.newFixedThreadPool(32);
            ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sequence = new AtomicInteger();
            long periodMicros = 1_000_000L / rate;
            schedule.scheduleAtFixedRate(() -> {
                int n = sequence.incrementAndGet();
                senders.execute(() -> {
                    Map<String, Object> report = n % 5 == 0 ? SampleReports.numbness() : SampleReports.selfCare();
                    int status = platform.client().submit(report).status();
                    (status == 202 ? accepted : refused).incrementAndGet();
                });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            TimeUnit.SECONDS.sleep(seconds);
            schedule.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
            TimeUnit.SECONDS.sleep(10); // let the consumers and deliveries drain
            sampler.shutdownNow();
            peaks.putAll(peakSeen);
            pids.forEach((service, pid) -> lastRss.put(service, status(pid, "VmRSS")));
        }

        System.out.printf(Locale.ROOT, "%d reports/s for %d s: %d accepted, %d refused%n", rate, seconds,
                accepted.get(), refused.get());
        System.out.printf(Locale.ROOT, "%-22s %10s %14s %8s %14s%n", "service", "limit MiB", "peak RSS MiB",
                "of limit", "RSS at end MiB");
        for (Service service : Service.values()) {
            long peakMiB = peaks.get(service) / 1024;
            System.out.printf(Locale.ROOT, "%-22s %10d %14d %7.0f%% %14d%n", MODULES.get(service), intake.limitMiB(),
                    peakMiB, 100.0 * peakMiB / intake.limitMiB(), lastRss.get(service) / 1024);
        }
        // a run where reports were refused measured an idle platform, not a loaded one
        assertThat(refused.get()).isZero();
        assertThat(accepted.get()).isGreaterThanOrEqualTo(rate * seconds * 9 / 10);
    }

    /** A {@code /proc/<pid>/status} line in KiB ({@code VmRSS}: now; {@code VmHWM}: the peak so far). */
    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }

    /** The JVM options and memory limit of a service's container, as the Kubernetes base declares them. */
    private record Deployment(String javaToolOptions, long limitMiB) {

        @SuppressWarnings("unchecked")
        static Deployment of(String module) throws IOException {
            Path file = repositoryRoot().resolve("deploy/k8s/base/" + module + "/deployment.yaml");
            Map<String, Object> deployment = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file));
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    deployment.get("spec")).get("template")).get("spec");
            Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).get(0);
            String options = ((List<Map<String, Object>>) container.get("env")).stream()
                    .filter(variable -> "JAVA_TOOL_OPTIONS".equals(variable.get("name")))
                    .map(variable -> String.valueOf(variable.get("value")).strip()).findFirst().orElseThrow();
            String limit = String.valueOf(((Map<String, Object>) ((Map<String, Object>) container.get("resources"))
                    .get("limits")).get("memory"));
            return new Deployment(options, mebibytes(limit));
        }

        private static long mebibytes(String quantity) {
            if (quantity.endsWith("Gi")) {
                return Long.parseLong(quantity.replace("Gi", "")) * 1024;
            }
            if (quantity.endsWith("Mi")) {
                return Long.parseLong(quantity.replace("Mi", ""));
            }
            throw new IllegalArgumentException("memory limit " + quantity + " is neither Gi nor Mi");
        }

        private static Path repositoryRoot() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("run from inside the repository");
            }
            return dir;
        }
    }
}
