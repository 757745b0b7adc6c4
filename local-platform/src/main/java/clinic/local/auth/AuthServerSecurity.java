package clinic.local.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Three filter chains: the Swagger UIs' CORS preflights ({@link SwaggerUiCors}), the protocol endpoints
 * (authorize, token, JWKS, discovery, userinfo), and everything else, which is only the login form. A browser
 * that reaches {@code /oauth2/authorize} without a session is sent to the form; machine clients get OAuth2
 * errors, never a login page.
 */
@Configuration(proxyBeanMethods = false)
class AuthServerSecurity {

    /**
     * A Swagger UI's preflight before its token request: an OPTIONS request, which the protocol endpoints' matcher
     * (POST to the token endpoint) does not take. Answered by the CORS filter alone, as allowed for the services'
     * origins or refused (403) for any other; nothing else is reachable here.
     */
    @Bean
    @Order(0)
    SecurityFilterChain swaggerUiPreflights(HttpSecurity http, SwaggerUiCors swaggerUis) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.OPTIONS, SwaggerUiCors.TOKEN),
                        paths.matcher(HttpMethod.OPTIONS, SwaggerUiCors.DISCOVERY)))
                .cors(cors -> cors.configurationSource(swaggerUis))
                .authorizeHttpRequests(requests -> requests.anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, SwaggerUiCors swaggerUis) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .cors(cors -> cors.configurationSource(swaggerUis))
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // userinfo is called with an access token this server issued
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
        return http.build();
    }

    /** Requests that ask for HTML explicitly; a missing Accept header or a bare *&#47;* (curl, HTTP clients) does not count. */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http, UserDetailsService users, PasswordEncoder passwordEncoder)
            throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .authenticationManager(new ProviderManager(
                        new ThrottledLogin(passwords, new LoginThrottle(Clock.systemUTC()))))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    SwaggerUiCors swaggerUiCors(@Value("${clinic.auth.api-docs-origins}") List<String> origins) {
        return new SwaggerUiCors(origins);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${clinic.auth.issuer}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    /**
     * Demo passwords and client secrets are stored as {@code {bcrypt}} hashes. The demo values are public
     * (README), so hashing hides nothing here; it keeps this server on the same verification path as a
     * real deployment, where a plain-text comparison would be a defect.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
