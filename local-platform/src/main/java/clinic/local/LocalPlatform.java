package clinic.local;

import clinic.intake.IntakeApplication;
import clinic.local.auth.DemoLogin;
import clinic.local.auth.LocalAuthServer;
import clinic.notification.NotificationApplication;
import clinic.triage.TriageApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One-command local run: a real Kafka broker (KRaft), a local mail server (SMTP and IMAP) and the three
 * services in this JVM, each service with its own H2 file database, all state under one data folder so
 * that a restart loses nothing (the mailboxes are the exception: they live in memory).
 *
 * <p>All three services share this JVM's classpath, so each runs with its own {@code spring.config.name}
 * and Flyway location (set by the services' {@code application()} builders); the overrides below are
 * passed as command-line arguments because those outrank the services' own config files.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    /** notification-service's default {@code clinic.notification.email.clinician-to}. */
    static final String CLINICIAN_MAILBOX = "oncall@clinic.local";
    /** notification-service's default {@code clinic.notification.escalation.email-to}. */
    static final String ESCALATION_MAILBOX = "escalation@clinic.local";

    /** The services' {@code clinic.kafka.instance-name}; each service has groups of its own, so one name serves all three. */
    static final String INSTANCE_NAME = "local";

    private final PlatformSettings settings;
    private final LocalMailServer mail;
    private final PersistentKafkaBroker broker;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();

    private LocalPlatform(PlatformSettings settings, LocalMailServer mail, PersistentKafkaBroker broker) {
        this.settings = settings;
        this.mail = mail;
        this.broker = broker;
    }

    /**
     * Runs the platform; {@code token <demo user> [--issuer=URL]} instead prints an access token for a demo
     * account of a running platform (see {@link DemoLogin}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            DemoLogin.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        PlatformSettings settings;
        try {
            settings = PlatformSettings.fromArgs(args, System.getenv());
        } catch (IllegalArgumentException badArgument) {
            System.err.println(badArgument.getMessage());
            System.exit(2);
            return;
        }
        LocalPlatform platform = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "local-platform-shutdown"));
        System.out.println(platform.banner());
    }

    static LocalPlatform start(PlatformSettings settings) {
        long started = System.nanoTime();
        NotificationApplication.preferDirectMailStreams(); // before the mail server parses its first message
        LocalMailServer mail = LocalMailServer.start(settings.smtpPort(), settings.imapPort());
        PersistentKafkaBroker broker;
        try {
            broker = PersistentKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.controllerPort());
        } catch (RuntimeException e) {
            mail.close();
            throw e;
        }
        LocalPlatform platform = new LocalPlatform(settings, mail, broker);
        try {
            platform.startAuthServer();
            platform.startService(IntakeApplication::application, settings.intakePort(), settings.pageServiceArgs());
            platform.startService(TriageApplication::application, settings.triagePort(),
                    concat(settings.pagelessServiceArgs(), settings.interoperabilityArgs()));
            platform.startService(NotificationApplication::application, settings.notificationPort(),
                    settings.pageServiceArgs());
            new ReadinessProbe().awaitReady(List.of(settings.intakePort(), settings.triagePort(),
                    settings.notificationPort()));
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        log.info("Local platform ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return platform;
    }

    private void startAuthServer() {
        services.add(startIssuer(settings));
    }

    /**
     * The local OAuth2 / OIDC issuer of these settings: its port, its issuer URL, the redirect URIs of the patient
     * pages (intake) and the clinician pages (notification) on these ports, and its signing key in the data
     * folder, so tokens survive a restart.
     */
    static ConfigurableApplicationContext startIssuer(PlatformSettings settings) {
        List<String> args = new ArrayList<>(settings.serverArgs(settings.authPort()));
        args.addAll(List.of("--clinic.data-dir=" + settings.dataDir(), "--clinic.auth.issuer=" + settings.issuer(),
                // exactly the patient pages' address: a loopback IP literal here would let the issuer accept the
                // same path on any port of 127.0.0.1 (RFC 8252's rule for native apps), i.e. any local process
                "--clinic.auth.web-redirect-uris=" + settings.intakeBaseUrl() + "/login/oauth2/code/clinic,"
                        + settings.notificationBaseUrl() + "/login/oauth2/code/clinic",
                // the three Swagger UIs (client clinic-api-docs): their redirect page and CORS for the token request
                "--clinic.auth.api-docs-origins=" + String.join(",", settings.apiDocsOrigins()),
                // the audience of client clinic-ehr's tokens: triage's CDS Hooks service on this platform's port
                "--clinic.auth.cds-service-url=" + settings.cdsServiceUrl()));
        return LocalAuthServer.application()
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private void startService(Supplier<SpringApplicationBuilder> application, int port, List<String> ownArgs) {
        List<String> args = new ArrayList<>(settings.serverArgs(port));
        args.addAll(List.of("--clinic.data-dir=" + settings.dataDir(),
                "--spring.kafka.bootstrap-servers=" + settings.kafkaBootstrap(),
                // One launcher per broker and data folder, so one fixed name: a restart after kill -9 takes over
                // the killed run's group memberships at once (static membership, see service-support)
                "--clinic.kafka.instance-name=" + INSTANCE_NAME));
        args.addAll(settings.wiringArgs());
        args.addAll(ownArgs);
        ConfigurableApplicationContext context = application.get()
                .registerShutdownHook(false) // this class closes services before the broker they depend on
                .run(settings.overriding(args).toArray(String[]::new));
        services.add(context);
    }

    String banner() {
        return String.join(System.lineSeparator(),
                "",
                "Heel-pain clinic is running (data in " + settings.dataDir() + ")",
                "  patient form  http://localhost:" + settings.intakePort() + "/   (sign in as patient-demo / patient-demo)",
                "  OAuth2 issuer " + settings.issuer() + "   (local demo accounts patient-demo, clinician-demo, "
                        + "ops-demo, password = user name; client clinic-integration / clinic-integration-secret)",
                "  tokens        every API call needs 'Authorization: Bearer <token>'; a demo person's token: "
                        + "java -jar local-platform/target/local-platform.jar token clinician-demo"
                        + (settings.authPort() == 9000 ? "" : " --issuer=" + settings.issuer()),
                "  intake        http://localhost:" + settings.intakePort() + "/api/v1/symptom-reports",
                "  FHIR intake   http://localhost:" + settings.intakePort() + "/fhir/Questionnaire/heel-pain-intake"
                        + "   http://localhost:" + settings.intakePort() + "/fhir/QuestionnaireResponse",
                "  triage        http://localhost:" + settings.triagePort() + "/api/v1/triage-decisions/{reportId}"
                        + "   http://localhost:" + settings.triagePort() + "/api/v1/ruleset",
                "  CDS Hooks     " + settings.triageBaseUrl() + "/cds-services   (EHR client clinic-ehr / "
                        + "clinic-ehr-secret, scope cds:invoke)",
                "  notification  http://localhost:" + settings.notificationPort() + "/api/v1/notifications?reportId="
                        + "   http://localhost:" + settings.notificationPort() + "/api/v1/alerts",
                "  API documents " + apiDocuments() + "   (OpenAPI at /v3/api-docs; Swagger UI: Authorize, "
                        + "client clinic-api-docs, log in as a demo account)",
                "  alert feed    curl -N -H \"Authorization: Bearer $CLINICIAN_TOKEN\" http://localhost:"
                        + settings.notificationPort() + "/api/v1/alerts/stream",
                "  kafka         " + broker.bootstrapServers(),
                "  mail          SMTP localhost:" + mail.smtpPort() + ", IMAP localhost:" + mail.imapPort()
                        + " (user and password = the recipient address; mailboxes are kept in memory only)",
                "                clinician alerts: " + mail.readHint(CLINICIAN_MAILBOX),
                "                escalations: " + mail.readHint(ESCALATION_MAILBOX),
                "                patients' plans: the same, with the address given in the report",
                "Press Ctrl-C to stop.");
    }

    /** The three services' Swagger UIs; each document is at /v3/api-docs beside it. */
    private String apiDocuments() {
        return String.join("  ", List.of(settings.intakeBaseUrl(), settings.triageBaseUrl(),
                settings.notificationBaseUrl()).stream().map(base -> base + "/swagger-ui/index.html").toList());
    }

    PlatformSettings settings() {
        return settings;
    }

    /** Stops the services (newest first, so nothing consumes from a stopping producer), the broker, the mail server. */
    @Override
    public synchronized void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                log.warn("A service did not stop cleanly: {}", e.getClass().getName());
            }
        }
        services.clear();
        try {
            broker.close();
        } finally {
            mail.close();
        }
    }
}
