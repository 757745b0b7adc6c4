package clinic.intake.security;

import clinic.intake.audit.AuditFilter;
import clinic.intake.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The machine endpoints (API, internal lookups, operations, actuator, API docs): stateless bearer-JWT
 * resource server. Decoder, issuer and audience checks come from Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}; this class adds the clinic's authorities and the
 * access rules of issue 6. CSRF is off here only: a bearer token is never sent by a browser on its own.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    static final String[] PATHS = {"/api/**", "/internal/**", "/ops/**", "/actuator/**", "/v3/api-docs/**"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuditTrail audit, JwtDecoder decoder) throws Exception {
        AuthenticationEntryPoint unauthorized = ProblemResponses.unauthorized();
        AccessDeniedHandler forbidden = ProblemResponses.forbidden();
        AuthenticationFailureHandler bearerFailure = ProblemResponses.bearerFailure(unauthorized);
        http.securityMatcher(PATHS)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyAuthority("ROLE_OPS", "SCOPE_metrics:read")
                        .requestMatchers("/ops/v1/audit-events").hasRole("OPS")
                        .requestMatchers(HttpMethod.POST, "/api/v1/symptom-reports")
                        .hasAnyAuthority("ROLE_PATIENT", "SCOPE_reports:write")
                        // object-level rule (own reports only unless clinician) in SymptomReportController
                        .requestMatchers(HttpMethod.GET, "/api/v1/symptom-reports/*")
                        .hasAnyAuthority("ROLE_CLINICIAN", "ROLE_PATIENT", "SCOPE_reports:read")
                        .requestMatchers("/internal/v1/patient-contacts/**").hasAuthority("SCOPE_patients:contact")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(new IssuerOutageAwareDecoder(decoder))
                                .jwtAuthenticationConverter(ClinicAuthorities.jwtConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden)
                        // a token that cannot be checked (issuer unreachable) is a 503, not a 500 error page
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(bearerFailure);
                                return filter;
                            }
                        }))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                // before authentication, so that 401s are recorded too; it reads the actor after the chain
                .addFilterBefore(new AuditFilter(audit), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return ProblemResponses.rejected();
    }
}
