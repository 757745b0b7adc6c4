package clinic.intake.audit;

import clinic.support.audit.AuditedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static clinic.support.audit.AuditedRoute.get;
import static clinic.support.audit.AuditedRoute.post;

/**
 * Intake's patient data and the audit action each access leaves in the trail: a report submitted (through the
 * API or the patients' form; the object is the new report, named by the controller) or read (its status over
 * the API, its page), a patient's contact details or a case file (for a clinician's case page) looked up by the
 * notification service, and a confirmation link for a patient's
 * email address opened or used. Reads of the
 * audit trail itself are audited by service-support.
 */
@Configuration(proxyBeanMethods = false)
class AuditedActions {

    @Bean
    AuditedRoutes auditedRoutes() {
        return AuditedRoutes.of(
                post("/api/v1/symptom-reports", "REPORT_SUBMIT"),
                get("/api/v1/symptom-reports/{reportId}", "REPORT_READ"),
                post("/reports", "REPORT_FORM_SUBMIT"),
                get("/reports/{reportId}", "REPORT_PAGE_READ"),
                // "My reports": the signed-in patient's own list
                get("/reports", "REPORT_LIST_READ"),
                get("/internal/v1/patient-contacts/{reportId}", "PATIENT_CONTACT_READ"),
                // one row per report named in the body (AuditMarks.aboutEach)
                post("/internal/v1/patient-contacts/lookups", "PATIENT_CONTACT_READ"),
                get("/internal/v1/cases/{reportId}", "CASE_FILE_READ"),
                // the report is named by the controller: the path holds the link's token, which is never kept
                get("/email-confirmations/{token}", "EMAIL_CONFIRMATION_READ"),
                post("/email-confirmations/{token}", "EMAIL_CONFIRM"));
    }
}
