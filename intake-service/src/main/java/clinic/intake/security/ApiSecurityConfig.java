package clinic.intake.security;

import clinic.support.security.AllowedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.AllowedRoute.get;
import static clinic.support.security.AllowedRoute.post;
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call the machine endpoints (API, internal lookups, operations, actuator), a clinic
 * resource server (bearer JWTs, see service-support): patients and clients with {@code reports:write} submit
 * reports; patients, clinicians and clients with {@code reports:read} read them (which ones: the controller's
 * object rule); the notification service reads a patient's contact. Rules of issue 6. Every route and method
 * not in the table is refused (401 without a valid token, 403 with one); each GET brings HEAD.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    /** The API document and Swagger UI have a chain of their own (service-support's clinic.support.apidocs). */
    static final String[] PATHS = {"/api/**", "/fhir/**", "/internal/**", "/ops/**", "/actuator/**"};

    /** This service's own routes; the probes, metrics and audit trail come with {@code serviceApi}. */
    static final AllowedRoutes ROUTES = AllowedRoutes.serviceApi(
            post("/api/v1/symptom-reports").to("ROLE_PATIENT", "SCOPE_reports:write"),
            // object-level rule (own reports only unless clinician) in SymptomReportController
            get("/api/v1/symptom-reports/{reportId}").to("ROLE_CLINICIAN", "ROLE_PATIENT", "SCOPE_reports:read"),
            // the same report through FHIR: the same callers as the JSON API; the Questionnaire holds no patient data
            get("/fhir/Questionnaire/heel-pain-intake", "/fhir/CodeSystem/{id}").toAnyone(),
            post("/fhir/QuestionnaireResponse").to("ROLE_PATIENT", "SCOPE_reports:write"),
            get("/fhir/QuestionnaireResponse/{id}").to("ROLE_CLINICIAN", "ROLE_PATIENT", "SCOPE_reports:read"),
            get("/internal/v1/patient-contacts/{reportId}").to("SCOPE_patients:contact"),
            post("/internal/v1/patient-contacts/lookups").to("SCOPE_patients:contact"),
            // a clinician's case page (notification-service): who to call and the answers in words
            get("/internal/v1/cases/{reportId}").to("SCOPE_cases:read"));

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS);
        ROUTES.customize(http);
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }
}
