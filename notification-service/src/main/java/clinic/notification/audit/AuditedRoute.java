package clinic.notification.audit;

import jakarta.servlet.http.HttpServletRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes that read or change patient data, their audit action and object id. Object ids come from the
 * request only when they are UUIDs (the form of every report and alert id), so whatever else a caller types
 * there (a name, say) never lands in the audit table or a log line.
 */
record AuditedRoute(String action, String objectId) {

    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ACKNOWLEDGEMENT = Pattern.compile("/api/v1/alerts/([^/]+)/acknowledgement");

    static AuditedRoute of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if ("GET".equals(method)) {
            switch (path) {
                case "/api/v1/notifications":
                    return new AuditedRoute("NOTIFICATIONS_READ", matching(UUID, request.getParameter("reportId")));
                case "/api/v1/alerts":
                    return new AuditedRoute("ALERTS_READ", null);
                case "/api/v1/alerts/stream":
                    return new AuditedRoute("ALERTS_STREAM", null);
                case "/ops/v1/audit-events":
                    return new AuditedRoute("AUDIT_READ", matching(UUID, request.getParameter("objectId")));
                default:
                    return null;
            }
        }
        Matcher acknowledgement = ACKNOWLEDGEMENT.matcher(path);
        if ("POST".equals(method) && acknowledgement.matches()) {
            return new AuditedRoute("ALERT_ACKNOWLEDGE", matching(UUID, acknowledgement.group(1)));
        }
        return null;
    }

    private static String matching(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches() ? value.toLowerCase() : null;
    }
}
