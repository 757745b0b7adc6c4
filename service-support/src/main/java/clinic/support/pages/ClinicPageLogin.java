package clinic.support.pages;

import clinic.support.security.AllowedRoutes;
import clinic.support.security.ClinicAuthorities;
import clinic.support.web.SessionCeilingReachedException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The browser side of a clinic site (the patient pages, the clinician pages): a login through the clinic's
 * issuer with the authorization-code flow (the registration is a public client, for which Spring Security adds
 * PKCE), the route table denying by default, sessions and CSRF protection on, the site's security headers.
 * The sessions live in the service's database (Spring Session JDBC), so the login callback and every post may
 * reach any instance; the session ceiling of {@link clinic.support.web} bounds them.
 * <pre>
 * clinicPageLogin("clinic", ROUTES, CONTENT_SECURITY_POLICY).customize(http);
 * </pre>
 */
public final class ClinicPageLogin implements Customizer<HttpSecurity> {

    private final String registrationId;
    private final AllowedRoutes routes;
    private final String contentSecurityPolicy;

    private ClinicPageLogin(String registrationId, AllowedRoutes routes, String contentSecurityPolicy) {
        this.registrationId = registrationId;
        this.routes = routes;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /**
     * @param registrationId        the login's client registration ({@code spring.security.oauth2.client.registration.*})
     * @param routes                the pages' route table: who may open or post what; everything else is refused
     * @param contentSecurityPolicy the site's policy, also set on its error pages ({@link PageHeaders})
     */
    public static ClinicPageLogin clinicPageLogin(String registrationId, AllowedRoutes routes,
                                                  String contentSecurityPolicy) {
        return new ClinicPageLogin(registrationId, routes, contentSecurityPolicy);
    }

    @Override
    public void customize(HttpSecurity http) {
        routes.customize(http);
        http.exceptionHandling(errors -> errors.accessDeniedHandler(notFoundOutside(routes)))
                // an explicit login page: the single registration, without a generated chooser page
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + registrationId)
                        // a failed login is an error page (401), not a redirect to the login page: that
                        // would start the next login at once and loop while the failure persists
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler())
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(idTokenRoles()))
                        .withObjectPostProcessor(sessionCeilingAtLoginStart()))
                // the page to return to after login travels in a cookie: an anonymous visit creates no server
                // session (the login flow itself does, for its state and PKCE verifier)
                .requestCache(cache -> cache.requestCache(new CookieRequestCache()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
    }

    /**
     * A refusal of a request the table does not list is the "page not found" page, as for an unknown address:
     * someone who mistypes an address is told that, not that their account may not use the pages. A refusal of
     * a listed page (the wrong role, a missing CSRF token) stays a 403.
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
