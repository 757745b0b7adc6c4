package clinic.triage.audit;

import clinic.triage.security.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes exactly one audit row for every request to a patient-data route (a triage decision) and to the
 * audit endpoint itself, whatever the answer: it sits in the security chain before the bearer-token
 * filter, so 401s and 403s pass through it too. The row is written once the response is decided; the
 * security context is still set then. The ruleset is not patient data and is not audited.
 */
public final class AuditFilter extends OncePerRequestFilter {

    static final String DECISION_READ = "DECISION_READ";
    static final String AUDIT_READ = "AUDIT_READ";

    private static final Pattern DECISION = Pattern.compile("/api/v1/triage-decisions/([^/]+)");
    private static final String AUDIT_EVENTS = "/ops/v1/audit-events";

    private final AuditLog auditLog;

    public AuditFilter(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher decision = DECISION.matcher(path);
        String action;
        String objectId;
        if (decision.matches()) {
            action = DECISION_READ;
            objectId = uuidOrNull(decision.group(1));
        } else if (AUDIT_EVENTS.equals(path)) {
            action = AUDIT_READ;
            objectId = uuidOrNull(request.getParameter("objectId"));
        } else {
            chain.doFilter(request, response);
            return;
        }
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            auditLog.record(Actor.of(SecurityContextHolder.getContext().getAuthentication()), action, objectId,
                    status);
        }
    }

    /**
     * A malformed report id is rejected, and not copied into the audit table: every id here is a UUID, so
     * nothing a caller types (a name, say) reaches the table or a log line.
     */
    private static String uuidOrNull(String segment) {
        if (segment == null) {
            return null;
        }
        try {
            return UUID.fromString(segment).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
