package clinic.local;

import clinic.intake.IntakeApplication;
import clinic.notification.NotificationApplication;
import clinic.triage.TriageApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The platform for fault tests, one process per part: Kafka ({@link PersistentKafkaBroker}) runs in
 * the test JVM so it can be stopped and started again on the same folder; each service runs in a JVM
 * of its own that can be killed with SIGKILL. Intake and notification keep H2 files under the data
 * folder (the local mode); triage uses a real PostgreSQL (zonky embedded, profile {@code postgres})
 * because the suite runs two triage instances side by side, which must share one database as they
 * would in production. Service logs go to {@code target/fault-suite/<suite>/}.
 * {@link #startOn} runs the same services against a Kafka and PostgreSQL elsewhere (containers).
 */
final class FaultPlatform implements ObservedPlatform, AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Intake's producer gives up on a send after 5 s (instead of 20 s) so that a broker outage outlasts
     * the delivery timeout within seconds; request and blocking timeouts are kept below it.
     */
    static final Duration INTAKE_DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> INTAKE_ARGS = List.of(
            "--spring.kafka.producer.properties.delivery.timeout.ms=" + INTAKE_DELIVERY_TIMEOUT.toMillis(),
            "--spring.kafka.producer.properties.request.timeout.ms=3000",
            "--spring.kafka.producer.properties.max.block.ms=3000");

    /**
     * A killed consumer keeps its partitions until its session times out; Kafka's default of 45 s would
     * only make every restart in the suite wait that long. Semantics do not depend on it.
     */
    private static final List<String> CONSUMER_ARGS = List.of(
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1500");

    /**
     * A notification instance killed while sending holds its deliveries until their lease runs out; the
     * default of 2 minutes would only make each such test wait that long for the mail. 10 s still
     * outlasts a whole claimed batch here (20 local SMTP sends, 4 at a time, tens of ms each), so no
     * delivery is taken from a live sender; and the restarted instance is rarely ready sooner.
     */
    private static final List<String> NOTIFICATION_ARGS = List.of("--clinic.notification.delivery.lease=10s");

    enum Service {
        INTAKE("intake", IntakeApplication.class.getName(), null),
        TRIAGE("triage", TriageApplication.class.getName(), CrashingTriage.class.getName()),
        NOTIFICATION("notification", NotificationApplication.class.getName(), CrashingNotification.class.getName());

        final String id;
        final String mainClass;
        /** The same application plus {@link HaltAfterRecords}, disarmed until a test arms it. */
        final String twinMainClass;

        Service(String id, String mainClass, String twinMainClass) {
            this.id = id;
            this.mainClass = mainClass;
            this.twinMainClass = twinMainClass;
        }
    }

    private final Path dataDir;
    private final Path logDir;
    private final PlatformSettings settings;
    private final String bootstrap;
    private final boolean localBroker;
    private final Map<Service, Map<String, String>> environments;
    private final AutoCloseable databases;
    private final Map<Service, ServiceProcess> running = new EnumMap<>(Service.class);
    private final List<ServiceProcess> extra = new ArrayList<>();
    private final AtomicInteger launches = new AtomicInteger();
    private List<String> consumerArgs = CONSUMER_ARGS;
    private PersistentKafkaBroker broker;
    private LocalMailServer mail;
    /** The platform's OAuth2 issuer, in this JVM as in local mode: the services check every call's token. */
    private ConfigurableApplicationContext issuer;
    private final PlatformClient client;
    private final KafkaProbe kafka;
    private final Mailbox mailbox;

    private FaultPlatform(Path dataDir, Path logDir, PlatformSettings settings, String bootstrap, boolean localBroker,
                          Map<Service, Map<String, String>> environments, AutoCloseable databases) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.localBroker = localBroker;
        this.environments = environments;
        this.databases = databases;
        this.client = new PlatformClient(settings);
        this.kafka = new KafkaProbe(bootstrap);
        this.mailbox = new Mailbox(settings.imapPort());
    }

    /**
     * Broker, database and the three services, each ready; triage and notification start as their
     * fault-injecting twins (disarmed), which saves a restart per crash test.
     */
    static FaultPlatform start(String suite, Path dataDir) {
        EmbeddedPostgres postgres = startPostgres();
        PlatformSettings settings = FreePorts.settings(dataDir);
        Map<Service, Map<String, String>> environments = Map.of(Service.TRIAGE, postgresProfile(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/triage", "postgres", "postgres"));
        return start(new FaultPlatform(dataDir, logDir(suite), settings, settings.kafkaBootstrap(), true, environments,
                postgres));
    }

    /**
     * Like {@link #start}, but with these consumer settings instead of the suite's short sessions: for tests of how
     * long a restart takes, which short sessions would hide.
     */
    static FaultPlatform startWithConsumerArgs(String suite, Path dataDir, List<String> consumerArgs) {
        EmbeddedPostgres postgres = startPostgres();
        PlatformSettings settings = FreePorts.settings(dataDir);
        Map<Service, Map<String, String>> environments = Map.of(Service.TRIAGE, postgresProfile(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/triage", "postgres", "postgres"));
        FaultPlatform platform = new FaultPlatform(dataDir, logDir(suite), settings, settings.kafkaBootstrap(), true,
                environments, postgres);
        platform.consumerArgs = List.copyOf(consumerArgs);
        return start(platform);
    }

    /**
     * The same services against a Kafka and databases run elsewhere (containers): the environment of
     * each service (typically {@link #postgresProfile}) says where its database is. No broker restarts.
     */
    static FaultPlatform startOn(String suite, Path dataDir, String bootstrap,
                                 Map<Service, Map<String, String>> environments) {
        PlatformSettings settings = new PlatformSettings(dataDir, 0, 0, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next())
                .withServiceOverrides(FreePorts.NO_SUBMISSION_LIMIT);
        return start(new FaultPlatform(dataDir, logDir(suite), settings, bootstrap, false, environments, () -> { }));
    }

    /** Profile {@code postgres} with the datasource in {@code SPRING_DATASOURCE_*}, as in compose and Kubernetes. */
    static Map<String, String> postgresProfile(String url, String username, String password) {
        return Map.of("SPRING_PROFILES_ACTIVE", "postgres", "SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", username, "SPRING_DATASOURCE_PASSWORD", password);
    }

    private static Path logDir(String suite) {
        Path logDir = Path.of("target", "fault-suite", suite).toAbsolutePath();
        deleteRecursively(logDir);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logDir;
    }

    private static FaultPlatform start(FaultPlatform platform) {
        try {
            // notification sends its emails here, as in local mode (a missing SMTP server would only
            // add failed deliveries and escalations to every test)
            platform.mail = LocalMailServer.start(platform.settings.smtpPort(), platform.settings.imapPort());
            platform.issuer = LocalPlatform.startIssuer(platform.settings);
            if (platform.localBroker) {
                platform.startBroker();
            }
            List<ServiceProcess> started = Stream.of(Service.values())
                    .map(s -> s.twinMainClass == null ? platform.launch(s) : platform.launchTwin(s)).toList();
            started.forEach(p -> p.awaitReady(READY_TIMEOUT));
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    @Override
    public PlatformSettings settings() {
        return settings;
    }

    @Override
    public PlatformClient client() {
        return client;
    }

    @Override
    public KafkaProbe kafka() {
        return kafka;
    }

    /** The mailboxes of the mail server notification sends through (in this JVM). */
    @Override
    public Mailbox mailbox() {
        return mailbox;
    }

    String bootstrap() {
        return bootstrap;
    }

    Path logDir() {
        return logDir;
    }

    ServiceProcess process(Service service) {
        return running.get(service);
    }

    /** Starts the service's real main class on its usual port (not waiting for readiness). */
    ServiceProcess launch(Service service) {
        return launch(service, service.mainClass, port(service), List.of());
    }

    /**
     * Starts a JVM for the service with another main class (a fault-injecting one) and/or another port
     * (a second instance) and extra arguments. A launch on the service's usual port replaces it as "the"
     * instance; one on another port is an extra instance, stopped by {@link #close()}.
     */
    /** The services' {@code clinic.kafka.instance-name}: their group.instance.id starts with it. */
    static final String INSTANCE_NAME_ARG = "--clinic.kafka.instance-name=";

    ServiceProcess launch(Service service, String mainClass, int port, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--clinic.data-dir=" + dataDir,
                "--spring.kafka.bootstrap-servers=" + bootstrap));
        args.addAll(settings.wiringArgs());
        args.addAll(consumerArgs);
        args.addAll(settings.serviceOverrides());
        if (service == Service.TRIAGE) {
            args.addAll(settings.pagelessServiceArgs());
            args.addAll(settings.interoperabilityArgs());
        } else {
            args.addAll(settings.pageServiceArgs());
        }
        if (service == Service.INTAKE) {
            args.addAll(INTAKE_ARGS);
        }
        if (service == Service.NOTIFICATION) {
            args.addAll(NOTIFICATION_ARGS);
        }
        if (extraArgs.stream().noneMatch(arg -> arg.startsWith(INSTANCE_NAME_ARG))) {
            // a fixed name per port, so a restart on the same port takes over the killed run's group membership
            // (static membership) as the launcher's does; an extra instance on another port is another member
            args.add(INSTANCE_NAME_ARG + "fault-" + service.id + (port == port(service) ? "" : "-" + port));
        }
        args.addAll(extraArgs);
        String logName = String.format("%02d-%s-%s.log", launches.incrementAndGet(), service.id,
                mainClass.substring(mainClass.lastIndexOf('.') + 1));
        ServiceProcess process = ServiceProcess.start(service.id, mainClass, port, args,
                environments.getOrDefault(service, Map.of()),
                logDir.resolve(logName));
        if (port == port(service)) {
            ServiceProcess previous = running.put(service, process);
            if (previous != null && previous.isAlive()) {
                throw new IllegalStateException("start " + process + " while " + previous + " still runs");
            }
        } else {
            extra.add(process);
        }
        return process;
    }

    /** Starts the service's fault-injecting twin on its usual port, disarmed (not waiting for readiness). */
    ServiceProcess launchTwin(Service service) {
        return launch(service, service.twinMainClass, port(service), List.of("--" + HaltAfterRecords.ARM_FILE + "=" + armFile(service)));
    }

    /**
     * Arms the running twin of the service (replacing the instance by a twin first if needed): it halts
     * after {@code records} more records. Returns the file where the twin notes the record it halted after.
     */
    Path arm(Service service, int records) {
        ServiceProcess current = running.get(service);
        if (!service.twinMainClass.equals(current.mainClass())) {
            current.stop();
            launchTwin(service).awaitReady(READY_TIMEOUT);
        }
        try {
            Files.deleteIfExists(HaltAfterRecords.markerOf(armFile(service)));
            Path pending = armFile(service).resolveSibling(service.id + ".arm.tmp");
            Files.writeString(pending, String.valueOf(records));
            Files.move(pending, armFile(service), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HaltAfterRecords.markerOf(armFile(service));
    }

    /** Disarms (for the next twin started) once the armed one has halted. */
    void disarm(Service service) {
        try {
            Files.deleteIfExists(armFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path armFile(Service service) {
        return logDir.resolve(service.id + ".arm");
    }

    /** Kills (SIGKILL) the running instance of the service and starts its real main class again, ready. */
    ServiceProcess killAndRestart(Service service) {
        running.get(service).kill();
        return launch(service).awaitReady(READY_TIMEOUT);
    }

    /** Makes sure each service has a live, ready instance (after a test that left one dead). */
    void ensureAllRunning() {
        for (Service service : Service.values()) {
            ServiceProcess process = running.get(service);
            if (process == null || !process.isAlive()) {
                launch(service).awaitReady(READY_TIMEOUT);
            }
        }
    }

    void startBroker() {
        if (!localBroker) {
            throw new IllegalStateException("the broker of this platform runs elsewhere");
        }
        broker = PersistentKafkaBroker.start(dataDir.resolve("kafka"), settings.kafkaPort(), settings.controllerPort());
    }

    void stopBroker() {
        broker.close();
        broker = null;
    }

    void ensureBrokerRunning() {
        if (localBroker && broker == null) {
            startBroker();
        }
    }

    /** The value of an untagged gauge or the sum of a metric's series in Prometheus text format. */
    static double prometheus(String body, String metric) {
        double sum = 0;
        boolean found = false;
        for (String line : body.split("\n")) {
            if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no metric " + metric + " in the scrape");
        }
        return sum;
    }

    /** Like {@link #prometheus} but 0 for a metric without series yet (a counter nobody incremented). */
    static double prometheusOrZero(String body, String metric) {
        try {
            return prometheus(body, metric);
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE triage");
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Services first (newest first), then the broker, the database and the mail server. */
    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(extra);
        all.addAll(running.values());
        all.forEach(ServiceProcess::requestStop);
        all.forEach(ServiceProcess::awaitStopped);
        kafka.close();
        if (broker != null) {
            broker.close();
        }
        try {
            databases.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the databases", e);
        } finally {
            if (mail != null) {
                mail.close();
            }
            if (issuer != null) {
                issuer.close();
            }
        }
    }
}
