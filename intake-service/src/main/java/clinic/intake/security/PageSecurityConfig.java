package clinic.intake.security;

import clinic.intake.web.PageHeaders;
import clinic.support.pages.LazyClientRegistrations;
import clinic.support.security.AllowedRoutes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

import static clinic.support.audit.AuditTrail.auditTrail;
import static clinic.support.pages.ClinicPageLogin.clinicPageLogin;
import static clinic.support.security.AllowedRoute.get;
import static clinic.support.security.AllowedRoute.post;

/**
 * The patient pages: the clinic's page login (service-support's {@code ClinicPageLogin}: authorization code
 * with PKCE through registration {@code clinic}, a public client; sessions in the database, see intake.yml;
 * CSRF on). Only PATIENT may use the pages, and only the routes of {@link #ROUTES}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class PageSecurityConfig {

    static final String REGISTRATION = "clinic";

    /**
     * The pages' route table, denying by default: a route or method not listed is refused, so no other handler is
     * reachable through the pages' session. A visitor who is not logged in is sent to the login; one who is gets
     * the "page not found" page for an address the table does not list and 403 for a
     * listed page that is not for their role. The login's own addresses ({@code /oauth2/authorization/clinic},
     * {@code /login/oauth2/code/clinic}) are answered by Spring Security's filters before the table is consulted.
     */
    static final AllowedRoutes ROUTES = AllowedRoutes.of(
            get("/", "/reports", "/reports/{reportId}", "/email-confirmations/{token}").to("ROLE_PATIENT"),
            post("/reports", "/email-confirmations/{token}").to("ROLE_PATIENT"),
            get("/error", "/*.css", "/favicon.ico").toAnyone());

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
        return new LazyClientRegistrations(properties);
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        clinicPageLogin(REGISTRATION, ROUTES, PageHeaders.CONTENT_SECURITY_POLICY).customize(http);
        // the report pages and the form are audited too, a post refused for its CSRF token included
        auditTrail().customize(http);
        return http.build();
    }
}
