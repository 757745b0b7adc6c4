package clinic.support.securedapi;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import clinic.support.audit.AuditedRoutes;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.audit.AuditedRoute.anyMethod;
import static clinic.support.audit.AuditedRoute.get;
import static clinic.support.audit.AuditedRoute.post;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * A small service built the way the clinic's services are: a resource-server API with its own route table and
 * its own audited routes, over dummy "records" (no domain of the clinic). The library's tests run against it.
 */
@SpringBootApplication
public class SecuredApiApplication {

    static final String RECORDS = "/api/v1/records";

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(rules -> rules
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/ops/v1/audit-events").hasRole("OPS")
                .requestMatchers(HttpMethod.POST, RECORDS).hasAnyAuthority("ROLE_PATIENT", "SCOPE_records:write")
                .requestMatchers(HttpMethod.GET, RECORDS, RECORDS + "/*")
                .hasAnyAuthority("ROLE_PATIENT", "ROLE_CLINICIAN", "SCOPE_records:read")
                .anyRequest().authenticated());
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }

    @Bean
    AuditedRoutes auditedRoutes() {
        return AuditedRoutes.of(
                post(RECORDS, "RECORD_CREATE"),
                get(RECORDS, "RECORDS_LIST").idFromParameter("ownerId"),
                get(RECORDS + "/{recordId}", "RECORD_READ"),
                anyMethod(RECORDS + "/{recordId}/history", "RECORD_HISTORY"));
    }
}
