package clinic.notification.audit;

import clinic.notification.security.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;

/**
 * Writes exactly one audit row per request to a patient-data route ({@link AuditedRoute}), after the response
 * is decided. It sits in the security chain before the bearer-token filter, so refused tokens (401) and
 * refused roles (403) are recorded too; the security context is still set when the chain returns. Async and
 * error dispatches of the same request are not filtered again, so an SSE stream or an error page adds no row.
 */
public class AuditFilter extends OncePerRequestFilter {

    /** Request attribute a controller sets when it answers 404 to hide an object the caller may not see. */
    public static final String DENIED = AuditFilter.class.getName() + ".DENIED";

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditEvents events;
    private final Clock clock;

    public AuditFilter(AuditEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuditedRoute route = AuditedRoute.of(request);
        if (route == null) {
            chain.doFilter(request, response);
            return;
        }
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            record(route, request, status);
        }
    }

    private void record(AuditedRoute route, HttpServletRequest request, int status) {
        Actor actor = Actor.of(SecurityContextHolder.getContext().getAuthentication());
        String outcome = Boolean.TRUE.equals(request.getAttribute(DENIED)) ? "DENIED" : outcome(status);
        try {
            events.append(new AuditEvents.AuditEvent(clock.instant(), actor.name(), actor.role(), route.action(),
                    route.objectId(), outcome, status));
        } catch (RuntimeException e) {
            // the answer is already decided; a lost audit row must be visible to operations, not to the caller
            log.error("Audit row for {} {} (status {}) not written: {}", route.action(), route.objectId(), status,
                    e.getClass().getName());
        }
    }

    static String outcome(int status) {
        if (status >= 200 && status < 400) {
            return "ALLOWED";
        }
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "DENIED";
            case 404 -> "NOT_FOUND";
            case 400, 413, 415, 429 -> "REJECTED";
            default -> status >= 500 ? "FAILED" : "REJECTED";
        };
    }
}
