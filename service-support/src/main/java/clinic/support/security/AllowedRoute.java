package clinic.support.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One entry of a service's route table ({@link AllowedRoutes}): a method, the path patterns it applies to, and who
 * may call them.
 * <pre>
 * get("/api/v1/reports/{reportId}").to("ROLE_CLINICIAN", "SCOPE_reports:read")
 * post("/api/v1/reports").to("ROLE_PATIENT")
 * get("/actuator/health", "/actuator/health/**").toAnyone()
 * </pre>
 * An entry for GET allows HEAD to the same callers: Spring MVC answers HEAD from every GET handler with the
 * GET's status and headers (Content-Length included), so a HEAD is a read and must pass the read's check. HEAD,
 * OPTIONS and TRACE cannot be allowed on their own: OPTIONS is refused everywhere (the clinic uses no CORS, and
 * its answer would only list methods the table refuses anyway), TRACE never reaches a chain.
 */
public final class AllowedRoute {

    private static final Set<HttpMethod> NOT_ON_THEIR_OWN = Set.of(HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    private final Set<HttpMethod> methods;
    private final List<String> patterns;
    private final List<String> authorities;
    private final boolean anyone;

    private AllowedRoute(Set<HttpMethod> methods, List<String> patterns, List<String> authorities, boolean anyone) {
        this.methods = methods;
        this.patterns = patterns;
        this.authorities = authorities;
        this.anyone = anyone;
    }

    /** GET, and HEAD with it, of these path patterns (Spring's {@code PathPattern} syntax). */
    public static AllowedRoute get(String... patterns) {
        return route(HttpMethod.GET, patterns);
    }

    public static AllowedRoute post(String... patterns) {
        return route(HttpMethod.POST, patterns);
    }

    /** Any method but HEAD, OPTIONS and TRACE; GET brings HEAD. */
    public static AllowedRoute route(HttpMethod method, String... patterns) {
        if (NOT_ON_THEIR_OWN.contains(method)) {
            throw new IllegalArgumentException(method + " is not allowed on its own: HEAD comes with GET, "
                    + "OPTIONS and TRACE are refused everywhere");
        }
        if (patterns.length == 0) {
            throw new IllegalArgumentException("A route names at least one path pattern");
        }
        Set<HttpMethod> methods = new LinkedHashSet<>();
        methods.add(method);
        if (method.equals(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        return new AllowedRoute(Set.copyOf(methods), List.of(patterns), List.of(), false);
    }

    /** Callers holding any of these authorities ({@code ROLE_<role>}, {@code SCOPE_<scope>}). */
    public AllowedRoute to(String... anyOf) {
        if (anyOf.length == 0) {
            throw new IllegalArgumentException("Name the authorities that may call " + this);
        }
        return new AllowedRoute(methods, patterns, List.of(anyOf), false);
    }

    /** Everyone, without a token or login: the health probes, the error page, style sheets. */
    public AllowedRoute toAnyone() {
        return new AllowedRoute(methods, patterns, List.of(), true);
    }

    boolean saysWho() {
        return anyone || !authorities.isEmpty();
    }

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        var matched = rules.requestMatchers(matchers().toArray(RequestMatcher[]::new));
        if (anyone) {
            matched.permitAll();
        } else {
            matched.hasAnyAuthority(authorities.toArray(String[]::new));
        }
    }

    /** One matcher per method and pattern: the requests this entry is about, whoever sends them. */
    Stream<RequestMatcher> matchers() {
        return methods.stream().flatMap(method -> patterns.stream()
                .map(pattern -> PathPatternRequestMatcher.withDefaults().matcher(method, pattern)));
    }

    @Override
    public String toString() {
        return methods + " " + patterns + " -> " + (anyone ? "anyone" : authorities);
    }
}
