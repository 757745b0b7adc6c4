package clinic.local.auth;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The services an access token is for: where its roles or scopes give it something to do. A patient uses
 * only intake; notification-service's contact lookup only intake; clinicians, operations and the metrics
 * client every service. A token carrying every service would let any of them be called with a token meant
 * for another (each service checks that its own name is in {@code aud}).
 */
final class TokenAudiences {

    static final String INTAKE = "intake-service";
    static final String TRIAGE = "triage-service";
    static final String NOTIFICATION = "notification-service";
    static final List<String> EVERY_SERVICE = List.of(INTAKE, TRIAGE, NOTIFICATION);

    private static final Map<String, List<String>> BY_ROLE = Map.of(
            "PATIENT", List.of(INTAKE),
            "CLINICIAN", EVERY_SERVICE,
            "OPS", EVERY_SERVICE);

    private static final Map<String, List<String>> BY_SCOPE = Map.of(
            "reports:write", List.of(INTAKE),
            "reports:read", List.of(INTAKE),
            "patients:contact", List.of(INTAKE),
            "cases:read", List.of(INTAKE),
            "triage:read", List.of(TRIAGE),
            "notifications:read", List.of(NOTIFICATION),
            "metrics:read", EVERY_SERVICE);

    private TokenAudiences() {
    }

    /** In a stable order; empty when the token can do nothing at any service (only {@code openid}, say). */
    static List<String> of(Collection<String> roles, Collection<String> scopes) {
        TreeSet<String> audiences = new TreeSet<>();
        roles.forEach(role -> audiences.addAll(BY_ROLE.getOrDefault(role, List.of())));
        scopes.forEach(scope -> audiences.addAll(BY_SCOPE.getOrDefault(scope, List.of())));
        return List.copyOf(audiences);
    }
}
