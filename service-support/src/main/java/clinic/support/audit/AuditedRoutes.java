package clinic.support.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;

import java.util.List;
import java.util.Optional;

/**
 * A service's patient-data routes, declared as a bean; every request to one of them leaves exactly one audit
 * row, whatever the answer. The first route that matches a request names its action.
 * <pre>
 * &#64;Bean
 * AuditedRoutes auditedRoutes() {
 *     return AuditedRoutes.of(
 *             get("/api/v1/reports/{reportId}", "REPORT_READ"),
 *             get("/api/v1/notifications", "NOTIFICATIONS_READ").idFromParameter("reportId"));
 * }
 * </pre>
 * The audit trail's own endpoint is declared by this library ({@code AUDIT_READ}).
 */
public final class AuditedRoutes {

    private final List<AuditedRoute> routes;

    private AuditedRoutes(List<AuditedRoute> routes) {
        this.routes = routes;
    }

    public static AuditedRoutes of(AuditedRoute... routes) {
        return new AuditedRoutes(List.of(routes));
    }

    Optional<AuditedRoute.AuditedRequest> match(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        return routes.stream().flatMap(route -> route.match(request, path).stream()).findFirst();
    }

    @Override
    public String toString() {
        return routes.toString();
    }
}
