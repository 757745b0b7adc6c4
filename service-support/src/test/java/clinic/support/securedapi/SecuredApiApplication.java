package clinic.support.securedapi;

import clinic.support.audit.AuditedRoutes;
import clinic.support.security.AllowedRoute;
import clinic.support.security.AllowedRoutes;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

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

    // qualified: the static imports get and post are AuditedRoute's
    static final AllowedRoutes ROUTES = AllowedRoutes.of(
            AllowedRoute.get("/actuator/health", "/actuator/health/**").toAnyone(),
            AllowedRoute.get("/ops/v1/audit-events").to("ROLE_OPS"),
            AllowedRoute.post(RECORDS).to("ROLE_PATIENT", "SCOPE_records:write"),
            AllowedRoute.get(RECORDS, RECORDS + "/{recordId}").to("ROLE_PATIENT", "ROLE_CLINICIAN",
                    "SCOPE_records:read"));

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ROUTES.customize(http);
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
