package clinic.support.web;

import org.apache.catalina.Manager;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.session.StandardManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * A ceiling on the server sessions a service keeps. Sessions exist only for page logins (intake's pages,
 * the local issuer's login form), and each one started costs memory or a table row until it times out; without
 * a ceiling, anyone able to start login flows could fill the heap or the table. Past
 * {@code clinic.web.sessions.max-active} (default 10,000) new sessions are refused and {@link SessionLimitFilter}
 * answers 503 with {@code Retry-After}: people already signed in, the APIs (no sessions) and the probes carry on.
 * <p>
 * Where the sessions are: in Tomcat's memory (the local issuer), the ceiling is per instance and Tomcat's
 * manager enforces it. In Spring Session's JDBC store (intake, whose instances share the sessions), Tomcat's
 * manager is bypassed; the ceiling then counts the live sessions of the whole store ({@link JdbcSessionCeiling},
 * recounted at most once per {@code clinic.web.sessions.recount-interval}, default 1 s).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
public class SessionLimitsAutoConfiguration {

    static final String MAX_ACTIVE = "clinic.web.sessions.max-active";
    static final int DEFAULT_MAX_ACTIVE = 10_000;
    static final String RECOUNT_INTERVAL = "clinic.web.sessions.recount-interval";
    static final Duration DEFAULT_RECOUNT_INTERVAL = Duration.ofSeconds(1);

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

    /** The ceiling of Spring Session's JDBC store, put in front of the store when it is created. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcIndexedSessionRepository.class)
    static class JdbcSessionStoreCeiling {

        // static: a post-processor is created before the other beans, and takes none of them but lazily
        @Bean
        static BeanPostProcessor clinicJdbcSessionCeiling(Environment environment,
                                                          ObjectProvider<DataSource> dataSource) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof JdbcIndexedSessionRepository)) {
                        return bean;
                    }
                    // through the interface: the store's session type is not public
                    FindByIndexNameSessionRepository<?> store = (FindByIndexNameSessionRepository<?>) bean;
                    return bounded(store, ceiling(environment, dataSource));
                }
            };
        }

        private static <S extends Session> BoundedSessionRepository<S> bounded(
                FindByIndexNameSessionRepository<S> store, JdbcSessionCeiling ceiling) {
            return new BoundedSessionRepository<>(store, ceiling);
        }

        private static JdbcSessionCeiling ceiling(Environment environment, ObjectProvider<DataSource> dataSource) {
            String table = environment.getProperty("spring.session.jdbc.table-name",
                    JdbcIndexedSessionRepository.DEFAULT_TABLE_NAME);
            String liveSessions = "select count(*) from " + table + " where expiry_time >= ?";
            return new JdbcSessionCeiling(
                    environment.getProperty(MAX_ACTIVE, Integer.class, DEFAULT_MAX_ACTIVE),
                    environment.getProperty(RECOUNT_INTERVAL, Duration.class, DEFAULT_RECOUNT_INTERVAL),
                    // expired rows wait for Spring Session's cleanup job: they are no longer sessions
                    () -> new JdbcTemplate(dataSource.getObject()).queryForObject(liveSessions, Long.class,
                            System.currentTimeMillis()),
                    Clock.systemUTC());
        }
    }
}
