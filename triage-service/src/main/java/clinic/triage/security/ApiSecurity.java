package clinic.triage.security;

import clinic.support.security.AllowedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.AllowedRoute.get;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call what: triage is a clinic resource server (bearer JWTs, see service-support) whose decisions are
 * for clinicians and machine clients with {@code triage:read}; the ruleset is readable by operations too. Every
 * route and method not in the table is refused (401 without a valid token, 403 with one); each GET brings HEAD.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    /** This service's own routes; the probes, metrics and audit trail come with {@code serviceApi}. */
    static final AllowedRoutes ROUTES = AllowedRoutes.serviceApi(
            get("/api/v1/triage-decisions/{reportId}").to("ROLE_CLINICIAN", "SCOPE_triage:read"),
            // the same decision as FHIR R4 (clinic.triage.fhir): the same readers
            get("/fhir/DetectedIssue", "/fhir/DetectedIssue/{id}", "/fhir/ServiceRequest", "/fhir/ServiceRequest/{id}")
                    .to("ROLE_CLINICIAN", "SCOPE_triage:read"),
            get("/api/v1/ruleset").to("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_triage:read"));

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ROUTES.customize(http);
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }
}
