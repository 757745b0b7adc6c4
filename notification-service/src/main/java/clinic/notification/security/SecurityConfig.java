package clinic.notification.security;

import clinic.support.security.AllowedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.AllowedRoute.get;
import static clinic.support.security.AllowedRoute.post;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call what (DESIGN.md, issue 6): the alert queue and its stream are the clinicians', the delivery log
 * is readable by clinicians, operations and machine clients with {@code notifications:read}. Every route and
 * method not in the table is refused (401 without a valid token, 403 with one); each GET brings HEAD. The
 * service is a clinic resource server (bearer JWTs, see service-support).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** This service's own routes; the probes, metrics and audit trail come with {@code serviceApi}. */
    static final AllowedRoutes ROUTES = AllowedRoutes.serviceApi(
            get("/api/v1/notifications").to("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_notifications:read"),
            get("/api/v1/alerts", "/api/v1/alerts/stream").to("ROLE_CLINICIAN"),
            post("/api/v1/alerts/{alertId}/acknowledgement").to("ROLE_CLINICIAN"));

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ROUTES.customize(http);
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }
}
