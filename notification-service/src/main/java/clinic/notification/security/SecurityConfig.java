package clinic.notification.security;

import clinic.notification.audit.AuditEvents;
import clinic.notification.audit.AuditFilter;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

import java.text.ParseException;
import java.time.Clock;

/**
 * The API is a stateless OAuth2 resource server: a bearer JWT on every request (signature, expiry, issuer and
 * audience checked by Boot's decoder, which reads the issuer's keys on first use, so the service starts while
 * the issuer is down), no session, no CSRF (no cookies to ride on). Rules as in DESIGN.md / issue 6.
 */
@Configuration
class SecurityConfig {

    /**
     * Boot's decoder resolves the issuer's keys on first use and throws an error that is no JwtException
     * while the issuer is down; as a JwtException it becomes an authentication-service failure (503). A token
     * that is not even a signed JWT needs no keys to be refused: it stays a 401 while the issuer is down.
     */
    private record IssuerOutageAware(JwtDecoder delegate) implements JwtDecoder {
        @Override
        public Jwt decode(String token) {
            try {
                return delegate.decode(token);
            } catch (JwtDecoderInitializationException e) {
                if (!signedJwt(token)) {
                    throw new BadJwtException("Not a signed JWT");
                }
                throw new JwtException("The issuer's keys are not available", e);
            }
        }

        private static boolean signedJwt(String token) {
            try {
                return JWTParser.parse(token) instanceof SignedJWT;
            } catch (ParseException e) {
                return false;
            }
        }
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuditEvents audit, Clock clock, JsonMapper json, JwtDecoder decoder)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        // the later dispatches of a request already authorized (SSE, error page)
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyAuthority("ROLE_OPS", "SCOPE_metrics:read")
                        .requestMatchers("/ops/**").hasRole("OPS")
                        .requestMatchers(HttpMethod.GET, "/api/v1/notifications")
                        .hasAnyAuthority("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_notifications:read")
                        .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/stream").hasRole("CLINICIAN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/acknowledgement").hasRole("CLINICIAN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(new IssuerOutageAware(decoder))
                                .jwtAuthenticationConverter(new ClinicAuthorities()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // a token that cannot be checked (issuer unreachable) is 503, not a 500 error page
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // before the bearer filter, so requests without a valid token are audited too
                .addFilterBefore(new AuditFilter(audit, clock), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

}
