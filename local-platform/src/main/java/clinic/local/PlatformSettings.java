package clinic.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local platform keeps its state and which ports it listens on. Defaults are the public
 * contract of DESIGN.md; tests pick free ports and a temporary data folder.
 */
record PlatformSettings(Path dataDir, int kafkaPort, int controllerPort, int intakePort, int triagePort,
                        int notificationPort, int smtpPort, int imapPort) {

    static PlatformSettings defaults(Path dataDir) {
        return new PlatformSettings(dataDir, 9092, 9093, 8081, 8082, 8083, 3025, 3143);
    }

    /** Reads {@code --data-dir=...}, {@code --kafka-port=...} etc.; the data folder may also come from CLINIC_DATA_DIR. */
    static PlatformSettings fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument " + arg + " (expected --name=value)");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        PlatformSettings d = defaults(Path.of(options.getOrDefault("data-dir", env.getOrDefault("CLINIC_DATA_DIR", "data"))));
        return new PlatformSettings(d.dataDir().toAbsolutePath().normalize(),
                port(options, "kafka-port", d.kafkaPort()), port(options, "controller-port", d.controllerPort()),
                port(options, "intake-port", d.intakePort()), port(options, "triage-port", d.triagePort()),
                port(options, "notification-port", d.notificationPort()),
                port(options, "smtp-port", d.smtpPort()), port(options, "imap-port", d.imapPort()));
    }

    private static int port(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    String intakeBaseUrl() {
        return "http://localhost:" + intakePort;
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
                "--spring.mail.port=" + smtpPort);
    }
}
