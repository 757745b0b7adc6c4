package clinic.notification.security;

import clinic.notification.pages.ClinicianPages;
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
import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * Who may call what (DESIGN.md, issue 6). Two doors:
 * <ul>
 * <li>the machine endpoints ({@link #API_PATHS}), a clinic resource server (bearer JWTs, see service-support):
 * the alert queue and its stream are the clinicians', the delivery log is readable by clinicians, operations and
 * machine clients with {@code notifications:read};</li>
 * <li>the clinician pages (everything else): the clinic's page login (service-support's {@code ClinicPageLogin},
 * registration {@code clinic}, sessions in this service's database), CLINICIAN only.</li>
 * </ul>
 * Every route and method not in a table is refused; each GET brings HEAD.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class SecurityConfig {

    /** The API document and Swagger UI have a chain of their own (service-support's clinic.support.apidocs). */
    static final String[] API_PATHS = {"/api/**", "/ops/**", "/actuator/**"};

    /** This service's own routes; the probes, metrics and audit trail come with {@code serviceApi}. */
    static final AllowedRoutes ROUTES = AllowedRoutes.serviceApi(
            get("/api/v1/notifications").to("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_notifications:read"),
            get("/api/v1/alerts", "/api/v1/alerts/stream").to("ROLE_CLINICIAN"),
            post("/api/v1/alerts/{alertId}/acknowledgement").to("ROLE_CLINICIAN"));

    static final String PAGE_LOGIN = "clinic";

    /**
     * The clinician pages' route table. A visitor who is not logged in is sent to the login; a logged-in one gets
     * "page not found" for an address the table does not list, and 403 for a page that is not for their role.
     */
    static final AllowedRoutes PAGE_ROUTES = AllowedRoutes.of(
            get("/", "/queue", "/alerts/feed", "/cases/{reportId}", "/agreement").to("ROLE_CLINICIAN"),
            post("/alerts/{alertId}/acknowledgement", "/cases/{reportId}/review").to("ROLE_CLINICIAN"),
            get("/signed-out", "/error", "/*.css", "/*.js", "/favicon.ico").toAnyone());

    /** Built on first use: the service starts while the issuer is down (the login and the lookups retry). */
    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
        return new LazyClientRegistrations(properties);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher(API_PATHS);
        ROUTES.customize(http);
        clinicResourceServer().customize(http);
        auditTrail().customize(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        clinicPageLogin(PAGE_LOGIN, PAGE_ROUTES, ClinicianPages.CONTENT_SECURITY_POLICY).customize(http);
        // signing out (a post with the CSRF token, from every page) ends this site's session; the issuer's own
        // login session is left alone, so the next visit may sign straight in again
        http.logout(logout -> logout.logoutSuccessUrl("/signed-out"));
        auditTrail().customize(http);
        return http.build();
    }
}
