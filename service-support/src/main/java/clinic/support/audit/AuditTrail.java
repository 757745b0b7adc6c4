package clinic.support.audit;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Puts the audit filter into a filter chain: every request to a route of the service's {@link AuditedRoutes}
 * beans (and to the audit endpoint) leaves one row in {@code audit_event}, refusals included.
 * <pre>
 * clinicResourceServer().customize(http);
 * auditTrail().customize(http);
 * </pre>
 * The filter goes before the CSRF filter, the first one that may refuse a request (of a browser page; an API's
 * bearer-token filter comes later still), so every refusal passes through it.
 */
public final class AuditTrail implements Customizer<HttpSecurity> {

    private AuditTrail() {
    }

    public static AuditTrail auditTrail() {
        return new AuditTrail();
    }

    @Override
    public void customize(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        AuditFilter filter = new AuditFilter(context.getBean(AuditEvents.class),
                context.getBeanProvider(AuditedRoutes.class).orderedStream().toList());
        http.addFilterBefore(filter, CsrfFilter.class);
    }
}
