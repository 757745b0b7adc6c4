package clinic.local;

import clinic.local.auth.LocalAuthServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local platform keeps its state, which ports it listens on and on which address. Defaults are the
 * public contract of DESIGN.md; tests pick free ports and a temporary data folder.
 *
 * @param bindAddress where the services and the issuer accept connections: loopback unless told otherwise
 *                    ({@code --bind-address=}), since local mode has demo accounts with published passwords
 */
record PlatformSettings(Path dataDir, int kafkaPort, int controllerPort, int intakePort, int triagePort,
                        int notificationPort, int smtpPort, int imapPort, int authPort, List<String> serviceOverrides,
                        String bindAddress) {

    static final String LOOPBACK = "127.0.0.1";

    PlatformSettings {
        serviceOverrides = List.copyOf(serviceOverrides);
    }

    PlatformSettings(Path dataDir, int kafkaPort, int controllerPort, int intakePort, int triagePort,
                     int notificationPort, int smtpPort, int imapPort, int authPort) {
        this(dataDir, kafkaPort, controllerPort, intakePort, triagePort, notificationPort, smtpPort, imapPort, authPort,
                List.of(), LOOPBACK);
    }

    /** The same platform, with service settings ({@code --clinic.x=y}, {@code --spring.x=y}) passed to every service. */
    PlatformSettings withServiceOverrides(String... overrides) {
        List<String> all = new ArrayList<>(serviceOverrides);
        all.addAll(List.of(overrides));
        return new PlatformSettings(dataDir, kafkaPort, controllerPort, intakePort, triagePort, notificationPort,
                smtpPort, imapPort, authPort, all, bindAddress);
    }

    /**
     * A service's arguments with the service overrides after them. An argument whose setting an override names is
     * dropped, so the override wins: given both, Spring would read the two values as one comma-separated list
     * (e.g. {@code --spring.mail.port=} to send through a mail server of one's own).
     */
    List<String> overriding(List<String> args) {
        List<String> overridden = serviceOverrides.stream().map(PlatformSettings::settingOf).toList();
        List<String> result = new ArrayList<>(args.stream().filter(arg -> !overridden.contains(settingOf(arg))).toList());
        result.addAll(serviceOverrides);
        return result;
    }

    private static String settingOf(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg : arg.substring(0, equals);
    }

    static PlatformSettings defaults(Path dataDir) {
        return new PlatformSettings(dataDir, 9092, 9093, 8081, 8082, 8083, 3025, 3143, 9000);
    }

    /** Settings passed on to every service ({@code --management.*}: e.g. an OTLP endpoint for the traces). */
    static final List<String> SERVICE_SETTING_PREFIXES = List.of("--clinic.", "--spring.", "--management.");
    static final List<String> LAUNCHER_OPTIONS = List.of("data-dir", "kafka-port", "controller-port", "intake-port",
            "triage-port", "notification-port", "smtp-port", "imap-port", "auth-port", "bind-address");

    /**
     * Reads {@code --data-dir=...}, {@code --kafka-port=...}, {@code --bind-address=...} etc.; the data folder may also come from
     * CLINIC_DATA_DIR. Service settings ({@code --clinic.*=}, {@code --spring.*=}, {@code --management.*=}, e.g.
     * {@code --clinic.intake.rate-limit.enabled=false}) are passed to every service and outrank their files;
     * any other option is refused.
     */
    static PlatformSettings fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        List<String> overrides = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument " + arg + " (expected --name=value)");
            }
            if (SERVICE_SETTING_PREFIXES.stream().anyMatch(arg::startsWith)) {
                overrides.add(arg);
                continue;
            }
            String name = arg.substring(2, arg.indexOf('='));
            // a mistyped option used to be ignored without a word; say so instead of running on defaults
            if (!LAUNCHER_OPTIONS.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + " (launcher options: --"
                        + String.join("=, --", LAUNCHER_OPTIONS) + "=; service settings start with "
                        + String.join(", ", SERVICE_SETTING_PREFIXES) + ")");
            }
            options.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        PlatformSettings d = defaults(Path.of(options.getOrDefault("data-dir", env.getOrDefault("CLINIC_DATA_DIR", "data"))));
        return new PlatformSettings(d.dataDir().toAbsolutePath().normalize(),
                port(options, "kafka-port", d.kafkaPort()), port(options, "controller-port", d.controllerPort()),
                port(options, "intake-port", d.intakePort()), port(options, "triage-port", d.triagePort()),
                port(options, "notification-port", d.notificationPort()),
                port(options, "smtp-port", d.smtpPort()), port(options, "imap-port", d.imapPort()),
                port(options, "auth-port", d.authPort()), overrides, options.getOrDefault("bind-address", LOOPBACK));
    }

    private static int port(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    /** How a service or the issuer is told where to listen. */
    List<String> serverArgs(int port) {
        return List.of("--server.port=" + port, "--server.address=" + bindAddress);
    }

    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    String intakeBaseUrl() {
        return "http://localhost:" + intakePort;
    }

    String notificationBaseUrl() {
        return "http://localhost:" + notificationPort;
    }

    String triageBaseUrl() {
        return "http://localhost:" + triagePort;
    }

    /**
     * Where the services find each other and the mail server: links in alerts and emails point at this
     * platform's ports, and notification looks patient contacts up from this intake and sends through
     * this SMTP server. Harmless for a service that has no such setting.
     */
    List<String> wiringArgs() {
        return List.of("--clinic.links.triage-base-url=" + triageBaseUrl(),
                "--clinic.links.intake-base-url=" + intakeBaseUrl(),
                "--clinic.notification.intake.base-url=" + intakeBaseUrl(),
                "--spring.mail.host=localhost",
                "--spring.mail.port=" + smtpPort,
                // every service accepts only tokens of this platform's issuer
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
                // notification-service's client credentials for intake's contact lookup
                "--spring.security.oauth2.client.provider.clinic-tokens.token-uri=" + issuer() + "/oauth2/token");
    }

    /** Triage's CDS Hooks service, where an EHR's token must be addressed ({@code aud}). */
    String cdsServiceUrl() {
        return triageBaseUrl() + "/cds-services/heel-pain-triage";
    }

    /**
     * What triage's interoperability is told: the CDS Hooks service's public address (the audience of EHR tokens)
     * and the EHR it trusts, and the FHIR addresses its DetectedIssues and ServiceRequests link to. Locally the
     * platform's issuer plays the EHR (client {@code clinic-ehr}, see the issuer's {@code clinic.auth.cds-service-url}).
     */
    List<String> interoperabilityArgs() {
        return List.of("--clinic.cds.public-base-url=" + triageBaseUrl(),
                "--clinic.cds.clients[0].issuer=" + issuer(),
                "--clinic.cds.clients[0].jwks-uri=" + issuer() + "/oauth2/jwks",
                "--clinic.fhir.public-base-url=" + triageBaseUrl(),
                "--clinic.fhir.intake-base-url=" + intakeBaseUrl() + "/fhir");
    }

    /**
     * What the services with pages (intake's patient pages, notification's clinician pages) are told: where their
     * pages send people to log in. (Triage has no pages and is not told.)
     */
    List<String> pageServiceArgs() {
        return List.of("--spring.security.oauth2.client.provider.clinic.issuer-uri=" + issuer(),
                "--spring.autoconfigure.exclude=" + String.join(",", NOT_FOR_SERVICES));
    }

    /**
     * What the service without pages (triage) is told: besides {@link #NOT_FOR_SERVICES}, no Spring Session
     * either. The pages' session store is on the shared classpath; in triage it would wrap every request for
     * nothing and run a cleanup job over an always empty table.
     */
    List<String> pagelessServiceArgs() {
        List<String> excluded = new ArrayList<>(NOT_FOR_SERVICES);
        excluded.addAll(NOT_FOR_PAGELESS_SERVICES);
        return List.of("--spring.autoconfigure.exclude=" + String.join(",", excluded));
    }

    /**
     * Auto-configurations the services must not pick up from the launcher's shared classpath. The local
     * authorization server's jars are on it, so without this every service would start an authorization
     * server of its own with its own keys. Boot refuses to start if a name here is not an auto-configuration,
     * so a rename cannot slip through.
     */
    static final List<String> NOT_FOR_SERVICES = LocalAuthServer.NOT_FOR_SERVICES;

    /** The pages' web session store (Spring Session JDBC), for the service without pages to leave out. */
    static final List<String> NOT_FOR_PAGELESS_SERVICES = List.of(
            "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
            "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration");

    /**
     * Where the services' Swagger UIs may be opened, under either loopback name: the issuer's redirect URIs for
     * client {@code clinic-api-docs} and the origins allowed to call its token endpoint from a browser.
     */
    List<String> apiDocsOrigins() {
        List<String> origins = new ArrayList<>();
        for (String host : List.of("localhost", LOOPBACK)) {
            for (int port : List.of(intakePort, triagePort, notificationPort)) {
                origins.add("http://" + host + ":" + port);
            }
        }
        return origins;
    }

    String issuer() {
        return "http://localhost:" + authPort;
    }
}
