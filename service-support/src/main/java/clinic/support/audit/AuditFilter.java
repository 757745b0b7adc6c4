package clinic.support.audit;

import clinic.support.security.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Writes exactly one audit row per request to a patient-data route (one per object when the controller names
 * several, {@link AuditMarks#aboutEach}). It sits in the security filter chain
 * before anything that may refuse a request, so refusals (401, 403) are recorded too; when the rest of the
 * chain returns, the security context still holds the caller. Async and error dispatches of the same request
 * pass untouched, so a server-sent event stream or an error page adds no row. Not a bean: Boot would also
 * register it as a servlet filter of its own, and every request would be audited twice.
 */
final class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditEvents events;
    private final List<AuditedRoutes> routes;

    AuditFilter(AuditEvents events, List<AuditedRoutes> routes) {
        this.events = events;
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AuditedRoute.AuditedRequest> audited = routes.stream()
                .flatMap(declared -> declared.match(request).stream()).findFirst();
        if (audited.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            write(request, audited.get(), status);
        }
    }

    private void write(HttpServletRequest request, AuditedRoute.AuditedRequest audited, int status) {
        Actor actor = Actor.current();
        String created = AuditMarks.createdId(request);
        String objectId = created != null ? created : audited.objectId();
        AuditOutcome outcome = AuditOutcome.of(status, AuditMarks.denied(request), !actor.isAnonymous());
        List<String> objectIds = AuditMarks.objectIds(request);
        try {
            if (objectIds.isEmpty()) {
                events.record(actor.id(), actor.role(), audited.action(), objectId, outcome, status);
            } else {
                events.recordEach(actor.id(), actor.role(), audited.action(), objectIds, outcome, status);
            }
        } catch (RuntimeException failure) {
            // the answer is decided (a submission is committed): a lost row is for operations, never a 500
            log.error("Audit row not written: {} {} {} {}", audited.action(), objectId, status,
                    failure.getClass().getName());
        }
    }
}
