package clinic.intake.security;

import clinic.intake.web.PageHeaders;
import clinic.support.security.AllowedRoutes;
import clinic.support.security.ClinicAuthorities;
import clinic.support.web.SessionCeilingReachedException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.security.AllowedRoute.get;
import static clinic.support.security.AllowedRoute.post;

/**
 * The patient pages: browser login with the authorization-code flow. Registration {@code clinic} is a
 * public client (no secret), for which Spring Security adds PKCE (S256) to every authorization request.
 * Only PATIENT may use the pages, and only the routes of {@link #ROUTES}; sessions and CSRF protection are on,
 * as befits a browser. The sessions live in the database (Spring Session JDBC, see intake.yml), so the login
 * callback and every form post may reach any instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class PageSecurityConfig {

    static final String REGISTRATION = "clinic";

    /**
     * The pages' route table, denying by default: a route or method not listed is refused, so no other handler is
     * reachable through the pages' session. A visitor who is not logged in is sent to the login; one who is gets
     * the "page not found" page for an address the table does not list ({@link #notFoundOutside}) and 403 for a
     * listed page that is not for their role. The login's own addresses ({@code /oauth2/authorization/clinic},
     * {@code /login/oauth2/code/clinic}) are answered by Spring Security's filters before the table is consulted.
     */
    static final AllowedRoutes ROUTES = AllowedRoutes.of(
            get("/", "/reports/{reportId}", "/email-confirmations/{token}").to("ROLE_PATIENT"),
            post("/reports", "/email-confirmations/{token}").to("ROLE_PATIENT"),
            get("/error", "/*.css", "/favicon.ico").toAnyone());

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
        return new LazyClientRegistrations(properties);
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        ROUTES.customize(http);
        http.exceptionHandling(errors -> errors.accessDeniedHandler(notFoundOutside(ROUTES)))
                // an explicit login page: the single registration, without a generated chooser page
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        // a failed login is an error page (401), not a redirect to the login page: that
                        // would start the next login at once and loop while the failure persists
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler())
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(idTokenRoles()))
                        .withObjectPostProcessor(sessionCeilingAtLoginStart()))
                // the page to return to after login travels in a cookie: an anonymous visit creates no server
                // session (the login flow itself does, for its state and PKCE verifier)
                .requestCache(cache -> cache.requestCache(new CookieRequestCache()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PageHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        // the report pages and the form are audited too, a post refused for its CSRF token included
        auditTrail().customize(http);
        return http.build();
    }

    /**
     * A refusal of a request the table does not list is the "page not found" page, as an unknown address was
     * before the route table: a patient who mistypes an address is told that, not that their account may not use
     * the pages. A refusal of a listed page (the wrong role, a missing CSRF token) stays a 403.
     */
    static AccessDeniedHandler notFoundOutside(AllowedRoutes routes) {
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> outside = new LinkedHashMap<>();
        outside.put(new NegatedRequestMatcher(routes.listed()),
                (request, response, denied) -> response.sendError(HttpServletResponse.SC_NOT_FOUND));
        return new RequestMatcherDelegatingAccessDeniedHandler(outside, new AccessDeniedHandlerImpl());
    }

    /**
     * The login start creates the page session (its state and PKCE verifier), so it is where the session
     * ceiling refuses one login too many. Spring Security's login start answers every failure with a 500; the
     * ceiling's refusal is passed on instead, for service-support's filter to answer 503 with {@code Retry-After}.
     */
    static ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter> sessionCeilingAtLoginStart() {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O loginStart) {
                loginStart.setAuthenticationFailureHandler((request, response, failure) -> {
                    SessionCeilingReachedException.rethrowIfCause(failure);
                    response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                });
                return loginStart;
            }
        };
    }

    /** The ID token's {@code roles} claim as {@code ROLE_<role>}, next to the OIDC authorities. */
    static GrantedAuthoritiesMapper idTokenRoles() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            authorities.stream().filter(OidcUserAuthority.class::isInstance).map(OidcUserAuthority.class::cast)
                    .forEach(oidc -> mapped.addAll(ClinicAuthorities.roleAuthorities(oidc.getIdToken())));
            return mapped;
        };
    }
}
