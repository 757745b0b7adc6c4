package clinic.intake.audit;

import clinic.intake.security.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Writes exactly one audit row per request to a patient-data route. It sits in each security filter
 * chain before authentication, so refusals (401, 403) are recorded too; when the rest of the chain
 * returns, the security context still holds the caller. Not a bean: Boot would also register it as a
 * servlet filter of its own, and every request would be audited twice.
 */
public final class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditTrail trail;

    public AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AuditedRoute> route = AuditedRoute.of(request);
        if (route.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            write(request, route.get(), status);
        }
    }

    private void write(HttpServletRequest request, AuditedRoute route, int status) {
        Actor actor = Actor.current();
        boolean denied = Boolean.TRUE.equals(request.getAttribute(AuditMarks.DENIED));
        Object created = request.getAttribute(AuditMarks.OBJECT_ID);
        String objectId = created instanceof String id ? id : route.objectId();
        AuditOutcome outcome = AuditOutcome.of(status, denied, !Actor.ANONYMOUS.equals(actor.role()));
        try {
            trail.record(actor.id(), actor.role(), route.action(), objectId, outcome, status);
        } catch (RuntimeException failure) {
            // the request's own work is done (a submission is committed): report, never turn it into a 500
            log.error("Audit row not written: {} {} {} {}", route.action(), objectId, status,
                    failure.getClass().getName());
        }
    }
}
