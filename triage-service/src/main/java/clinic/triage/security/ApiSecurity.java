package clinic.triage.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call what: triage is a clinic resource server (bearer JWTs, see service-support) whose decisions are
 * for clinicians and machine clients with {@code triage:read}; the ruleset is readable by operations too, and
 * every request but health needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                // the error page renders errors of requests already authorized (or rejected)
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").hasAnyAuthority("ROLE_OPS", "SCOPE_metrics:read")
                .requestMatchers(HttpMethod.GET, "/api/v1/triage-decisions/*")
                .hasAnyAuthority("ROLE_CLINICIAN", "SCOPE_triage:read")
                .requestMatchers(HttpMethod.GET, "/api/v1/ruleset")
                .hasAnyAuthority("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_triage:read")
                .requestMatchers("/ops/v1/audit-events").hasRole("OPS")
                .anyRequest().authenticated());
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }
}
