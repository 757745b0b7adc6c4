package clinic.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public contract of DESIGN.md the manifests must honour, written out here on purpose: a manifest that
 * drifts from these names fails a test instead of silently agreeing with itself.
 */
final class Contract {

    /** service name -> HTTP port. */
    static final Map<String, Integer> PORTS = ports();

    static final List<String> EVENT_TOPICS =
            List.of("clinic.symptom-reports.v1", "clinic.triage-decisions.v1", "clinic.urgent-reviews.v1",
                    "clinic.review-outcomes.v1");

    static final List<String> ALL_TOPICS = EVENT_TOPICS.stream()
            .flatMap(topic -> java.util.stream.Stream.of(topic, topic + ".dlt"))
            .toList();

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    static final String METRICS = "/actuator/prometheus";

    static final String COMPOSE_ISSUER = "http://keycloak:8080/realms/clinic";

    /** Names of settings that hold secrets: their values must come from a variable or a Secret. */
    static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|jaas|credential|private[-_.]?key|api[-_.]?key).*");

    private Contract() {
    }

    private static Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("intake-service", 8081);
        ports.put("triage-service", 8082);
        ports.put("notification-service", 8083);
        return Map.copyOf(ports);
    }

    static List<String> services() {
        return List.of("intake-service", "triage-service", "notification-service");
    }

    static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }
}
