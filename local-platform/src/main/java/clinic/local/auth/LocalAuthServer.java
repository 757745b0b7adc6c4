package clinic.local.auth;

import clinic.support.web.SessionLimitsAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

import java.util.List;

/**
 * The local-mode OAuth2 / OpenID Connect issuer (Spring Authorization Server) with demo accounts and clients.
 * Local mode only: production uses a real identity provider.
 *
 * <p>It shares a JVM and a classpath with the three services, so it takes nothing implicitly from that
 * classpath: its configuration file is {@code local-auth.yml} ({@code spring.config.name=local-auth}), its
 * beans are imported by name rather than scanned, and only the web and security auto-configurations it needs
 * are applied, so the services' H2, Flyway, JPA and Kafka settings never start a second copy in here.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
        // the issuer's login sessions have the same ceiling as the services' (issue 12, finding 7)
        SessionLimitsAutoConfiguration.class})
@Import({AuthServerSecurity.class, DemoClients.class, DemoUsers.class, SigningKey.class, ClinicTokenClaims.class})
public class LocalAuthServer {

    /**
     * Auto-configurations that this server's jars put on the launcher's shared classpath and that the services
     * must not run: each service would otherwise get its own random signing key and, unless it defines one, a
     * JwtDecoder that trusts only that key. The launcher adds them to each service's
     * {@code spring.autoconfigure.exclude}.
     */
    public static final List<String> NOT_FOR_SERVICES = List.of(
            OAuth2AuthorizationServerAutoConfiguration.class.getName(),
            OAuth2AuthorizationServerJwtAutoConfiguration.class.getName());

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(LocalAuthServer.class).main(LocalAuthServer.class)
                .properties("spring.config.name=local-auth");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
