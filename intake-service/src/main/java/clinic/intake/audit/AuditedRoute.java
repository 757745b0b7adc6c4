package clinic.intake.audit;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The patient-data routes that leave an audit row, with the object id each names. */
record AuditedRoute(AuditAction action, String objectId) {

    private static final Pattern REPORT = Pattern.compile("/api/v1/symptom-reports/([^/]+)");
    private static final Pattern PAGE = Pattern.compile("/reports/([^/]+)");
    private static final Pattern CONTACT = Pattern.compile("/internal/v1/patient-contacts/([^/]+)");
    /**
     * Ids from the path or query are the caller's text: kept (lower-cased) only when they are a canonical UUID,
     * the form of every id here, so nothing a caller types (a name, say) reaches the audit table or a log line.
     */
    private static final Pattern SAFE_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static Optional<AuditedRoute> of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if ("POST".equals(method)) {
            return switch (path) {
                case "/api/v1/symptom-reports" -> Optional.of(new AuditedRoute(AuditAction.REPORT_SUBMIT, null));
                case "/reports" -> Optional.of(new AuditedRoute(AuditAction.REPORT_FORM_SUBMIT, null));
                default -> Optional.empty();
            };
        }
        if (!"GET".equals(method)) {
            return Optional.empty();
        }
        if ("/ops/v1/audit-events".equals(path)) {
            return Optional.of(new AuditedRoute(AuditAction.AUDIT_READ, safe(request.getParameter("objectId"))));
        }
        return withId(REPORT, path, AuditAction.REPORT_READ)
                .or(() -> withId(PAGE, path, AuditAction.REPORT_PAGE_READ))
                .or(() -> withId(CONTACT, path, AuditAction.PATIENT_CONTACT_READ));
    }

    private static Optional<AuditedRoute> withId(Pattern route, String path, AuditAction action) {
        Matcher matcher = route.matcher(path);
        return matcher.matches() ? Optional.of(new AuditedRoute(action, safe(matcher.group(1)))) : Optional.empty();
    }

    static String safe(String id) {
        return id != null && SAFE_ID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : null;
    }
}
