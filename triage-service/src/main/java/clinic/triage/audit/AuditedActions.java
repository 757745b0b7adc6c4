package clinic.triage.audit;

import clinic.support.audit.AuditedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static clinic.support.audit.AuditedRoute.anyMethod;

/**
 * Triage's patient data is its decisions: every request to one, as JSON or as FHIR (whose DetectedIssue ids name
 * the report through the controller), whatever its method or answer, leaves an audit row {@code DECISION_READ}
 * naming the report. The ruleset is not patient data and is not audited; reads
 * of the audit trail itself are audited by service-support.
 */
@Configuration(proxyBeanMethods = false)
class AuditedActions {

    @Bean
    AuditedRoutes auditedRoutes() {
        return AuditedRoutes.of(anyMethod("/api/v1/triage-decisions/{reportId}", "DECISION_READ"),
                // the same decision as FHIR: one action, so "who read this report's decision" is one question
                anyMethod("/fhir/DetectedIssue", "DECISION_READ").idFromParameter("subject-report"),
                anyMethod("/fhir/DetectedIssue/{id}", "DECISION_READ"),
                anyMethod("/fhir/ServiceRequest", "DECISION_READ").idFromParameter("subject-report"),
                anyMethod("/fhir/ServiceRequest/{id}", "DECISION_READ"));
    }
}
