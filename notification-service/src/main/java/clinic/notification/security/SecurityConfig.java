package clinic.notification.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call what (DESIGN.md, issue 6): the alert queue and its stream are the clinicians', the delivery log
 * is readable by clinicians, operations and machine clients with {@code notifications:read}, and every request
 * but health needs a valid token. The service is a clinic resource server (bearer JWTs, see service-support).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                // the later dispatches of a request already authorized (SSE, error page)
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").hasAnyAuthority("ROLE_OPS", "SCOPE_metrics:read")
                .requestMatchers("/ops/**").hasRole("OPS")
                .requestMatchers(HttpMethod.GET, "/api/v1/notifications")
                .hasAnyAuthority("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_notifications:read")
                .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/stream").hasRole("CLINICIAN")
                .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/acknowledgement").hasRole("CLINICIAN")
                .anyRequest().authenticated());
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }
}
