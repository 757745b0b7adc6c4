package clinic.notification.audit;

import clinic.support.audit.AuditedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static clinic.support.audit.AuditedRoute.get;
import static clinic.support.audit.AuditedRoute.post;

/**
 * The notification service's patient data and the audit action each access leaves in the trail: a report's
 * delivery log (object = the report), the clinicians' alert queue and its live stream, and the acknowledgement
 * of an alert (object = the alert), through the API or the clinician pages. Reads of the audit trail itself are
 * audited by service-support.
 */
@Configuration(proxyBeanMethods = false)
class AuditedActions {

    @Bean
    AuditedRoutes auditedRoutes() {
        return AuditedRoutes.of(
                get("/api/v1/notifications", "NOTIFICATIONS_READ").idFromParameter("reportId"),
                get("/api/v1/alerts", "ALERTS_READ"),
                get("/api/v1/alerts/stream", "ALERTS_STREAM"),
                post("/api/v1/alerts/{alertId}/acknowledgement", "ALERT_ACKNOWLEDGE"),
                // the same data on the clinician pages: the work queue, the lists it redraws, its feed
                get("/", "ALERTS_READ"),
                get("/queue", "ALERTS_READ"),
                get("/alerts/feed", "ALERTS_STREAM"),
                post("/alerts/{alertId}/acknowledgement", "ALERT_ACKNOWLEDGE"),
                // a case: who to call and the answers (fetched from intake for this view), and its review closed
                get("/cases/{reportId}", "CASE_READ"),
                post("/cases/{reportId}/review", "REVIEW_CLOSE"));
    }
}
