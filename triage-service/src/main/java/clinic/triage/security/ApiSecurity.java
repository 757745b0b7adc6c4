package clinic.triage.security;

import clinic.triage.audit.AuditFilter;
import clinic.triage.audit.AuditLog;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The service is a stateless OAuth2 resource server: every request but health needs a valid JWT (Boot
 * checks signature, expiry, issuer and audience from {@code spring.security.oauth2.resourceserver.jwt.*}),
 * and the routes below need a role or scope. CSRF is off because no browser session exists; the only
 * credential is the bearer token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuditLog auditLog, JwtDecoder decoder) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        // the error page renders errors of requests already authorized (or rejected)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyAuthority("ROLE_OPS", "SCOPE_metrics:read")
                        .requestMatchers(HttpMethod.GET, "/api/v1/triage-decisions/*")
                        .hasAnyAuthority("ROLE_CLINICIAN", "SCOPE_triage:read")
                        .requestMatchers(HttpMethod.GET, "/api/v1/ruleset")
                        .hasAnyAuthority("ROLE_CLINICIAN", "ROLE_OPS", "SCOPE_triage:read")
                        .requestMatchers("/ops/v1/audit-events").hasRole("OPS")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(new IssuerOutageAwareDecoder(decoder))
                                .jwtAuthenticationConverter(new ClinicAuthorities()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // a token that cannot be checked (issuer unreachable) is a 503, not a 500 error page
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // before the bearer filter, so requests it answers with 401 are audited as well
                .addFilterBefore(new AuditFilter(auditLog), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
