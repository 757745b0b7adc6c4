package clinic.intake.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call the machine endpoints (API, internal lookups, operations, actuator, API docs), a clinic
 * resource server (bearer JWTs, see service-support): patients and clients with {@code reports:write} submit
 * reports; patients, clinicians and clients with {@code reports:read} read them (which ones: the controller's
 * object rule); the notification service reads a patient's contact. Rules of issue 6.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    static final String[] PATHS = {"/api/**", "/internal/**", "/ops/**", "/actuator/**", "/v3/api-docs/**"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyAuthority("ROLE_OPS", "SCOPE_metrics:read")
                        .requestMatchers("/ops/v1/audit-events").hasRole("OPS")
                        .requestMatchers(HttpMethod.POST, "/api/v1/symptom-reports")
                        .hasAnyAuthority("ROLE_PATIENT", "SCOPE_reports:write")
                        // object-level rule (own reports only unless clinician) in SymptomReportController
                        .requestMatchers(HttpMethod.GET, "/api/v1/symptom-reports/*")
                        .hasAnyAuthority("ROLE_CLINICIAN", "ROLE_PATIENT", "SCOPE_reports:read")
                        .requestMatchers("/internal/v1/patient-contacts/**").hasAuthority("SCOPE_patients:contact")
                        .anyRequest().authenticated());
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }
}
