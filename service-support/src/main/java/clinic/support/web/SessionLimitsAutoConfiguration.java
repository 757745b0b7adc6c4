package clinic.support.web;

import org.apache.catalina.Manager;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.session.StandardManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A ceiling on the server sessions one instance keeps. Sessions exist only for page logins (intake's pages,
 * the local issuer's login form), and each one started costs memory until it times out; without a ceiling,
 * anyone able to start login flows could fill the heap. Past {@code clinic.web.sessions.max-active} (default
 * 10,000 per instance), Tomcat refuses new sessions and {@link SessionLimitFilter} answers 503 with
 * {@code Retry-After}: people already signed in, the APIs (no sessions) and the probes carry on.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
public class SessionLimitsAutoConfiguration {

    static final String MAX_ACTIVE = "clinic.web.sessions.max-active";
    static final int DEFAULT_MAX_ACTIVE = 10_000;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clinicSessionLimit(Environment environment) {
        int maxActiveSessions = environment.getProperty(MAX_ACTIVE, Integer.class, DEFAULT_MAX_ACTIVE);
        return factory -> factory.addContextCustomizers(context -> {
            Manager manager = context.getManager();
            if (manager == null) {
                manager = new StandardManager();
                context.setManager(manager);
            }
            if (manager instanceof ManagerBase bounded) {
                bounded.setMaxActiveSessions(maxActiveSessions);
            }
        });
    }

    @Bean
    FilterRegistrationBean<SessionLimitFilter> clinicSessionLimitFilter() {
        FilterRegistrationBean<SessionLimitFilter> registration = new FilterRegistrationBean<>(new SessionLimitFilter());
        // outside every other filter, Spring Security's included: they are where sessions get created
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
