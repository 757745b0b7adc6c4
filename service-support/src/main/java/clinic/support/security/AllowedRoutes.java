package clinic.support.security;

import jakarta.servlet.DispatcherType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A filter chain's route table, denying by default: each route and method that may be called is listed with who
 * may call it, and every other request is refused, whatever its path or method ({@code anyRequest().denyAll()}):
 * {@code 401} without a valid identity (on a page chain, the login), {@code 403} with one. A method a route does
 * not list is refused the same way, never handed to Spring MVC to answer (no {@code 405}), so a handler a library
 * adds, or a method Spring MVC answers on its own (HEAD, OPTIONS), is unreachable until the table names it.
 * <pre>
 * &#64;Bean
 * SecurityFilterChain api(HttpSecurity http) {
 *     AllowedRoutes.of(
 *             get("/actuator/health", "/actuator/health/**").toAnyone(),
 *             get("/api/v1/reports/{reportId}").to("ROLE_CLINICIAN", "SCOPE_reports:read"),
 *             post("/api/v1/reports").to("ROLE_PATIENT")).customize(http);
 *     clinicResourceServer().customize(http);
 *     auditTrail().customize(http);
 *     return http.build();
 * }
 * </pre>
 * See {@link AllowedRoute} for HEAD (allowed with GET, to the same callers) and OPTIONS (refused).
 */
public final class AllowedRoutes implements Customizer<HttpSecurity> {

    private final List<AllowedRoute> routes;

    private AllowedRoutes(List<AllowedRoute> routes) {
        this.routes = routes;
    }

    /**
     * What every clinic service answers besides its own API: the probes (anyone), Prometheus (operations and the
     * metrics client), the actuator's index and info, and the audit trail this library serves (operations). Kept
     * here, beside the audit endpoint it guards, so that no service can forget a row of it.
     */
    static final List<AllowedRoute> OPERATIONS = List.of(
            AllowedRoute.get("/actuator/health", "/actuator/health/**").toAnyone(),
            AllowedRoute.get("/actuator/prometheus").to("ROLE_OPS", "SCOPE_metrics:read"),
            AllowedRoute.get("/actuator", "/actuator/info").to("ROLE_OPS"),
            AllowedRoute.get("/ops/v1/audit-events").to("ROLE_OPS"));

    /**
     * The OpenAPI document and the Swagger UI's static pages (springdoc's addresses): anyone, without a token. They
     * describe the API and carry no patient data, and the Swagger UI must load before it can log anyone in; every
     * API call it makes then needs a token like any other. Served by a filter chain of their own
     * ({@code clinic.support.apidocs}), ahead of a service's chains.
     */
    public static final List<String> API_DOCUMENT_PATHS = List.of("/v3/api-docs", "/v3/api-docs/**",
            "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**");

    /** The route table of {@link #API_DOCUMENT_PATHS}: GET (and HEAD) by anyone, every other method refused. */
    public static AllowedRoutes apiDocuments() {
        return of(AllowedRoute.get(API_DOCUMENT_PATHS.toArray(String[]::new)).toAnyone());
    }

    /** A service's API table: the {@link #OPERATIONS} routes every service has, then the service's own. */
    public static AllowedRoutes serviceApi(AllowedRoute... own) {
        AllowedRoute[] all = Stream.concat(OPERATIONS.stream(), Arrays.stream(own))
                .toArray(AllowedRoute[]::new);
        return of(all);
    }

    public static AllowedRoutes of(AllowedRoute... routes) {
        for (AllowedRoute route : routes) {
            if (!route.saysWho()) {
                throw new IllegalArgumentException("A route table entry says who may call it (to, toAnyone): "
                        + route);
            }
        }
        return new AllowedRoutes(List.of(routes));
    }

    @Override
    public void customize(HttpSecurity http) {
        http.authorizeHttpRequests(rules -> {
            // Later dispatches of a request that was decided on its way in: a server-sent-event stream's async
            // dispatches, and the error page rendering a refusal or failure (never reachable from outside).
            rules.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
            routes.forEach(route -> route.authorize(rules));
            rules.anyRequest().denyAll();
        });
    }

    /**
     * The requests the table lists (an entry's method and pattern), whoever sends them: a page chain may answer
     * the others as addresses it does not have (404) rather than as a refusal of the visitor's role (403).
     */
    public RequestMatcher listed() {
        List<RequestMatcher> matchers = routes.stream().flatMap(AllowedRoute::matchers).toList();
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }

    @Override
    public String toString() {
        return routes.toString();
    }
}
