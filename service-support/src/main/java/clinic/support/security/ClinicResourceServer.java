package clinic.support.security;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Makes a filter chain a clinic API: a stateless OAuth2 resource server taking bearer JWTs. Boot's decoder
 * checks signature, expiry, issuer and audience ({@code spring.security.oauth2.resourceserver.jwt.*}); this adds
 * the clinic's authorities ({@link ClinicAuthorities}), a 503 instead of a 500 while the issuer is down
 * ({@link IssuerOutageAwareDecoder}) and problem+json refusals. No session, no saved requests, no CSRF: a bearer
 * token is never sent by a browser on its own. The service's own {@code authorizeHttpRequests} rules say who may
 * call what.
 * <pre>
 * http.authorizeHttpRequests(rules -&gt; ...);
 * clinicResourceServer().customize(http);
 * </pre>
 * A customizer applied at once rather than a configurer's {@code init()}: Spring Security's session and
 * request-cache configurers read the session policy in their own {@code init()}, which would run first. Not a
 * {@code Customizer<HttpSecurity>} bean either: Spring Security applies those to every filter chain, and a
 * service's browser pages are no resource server.
 */
public final class ClinicResourceServer implements Customizer<HttpSecurity> {

    private ClinicResourceServer() {
    }

    public static ClinicResourceServer clinicResourceServer() {
        return new ClinicResourceServer();
    }

    @Override
    public void customize(HttpSecurity http) {
        JwtDecoder decoder = http.getSharedObject(ApplicationContext.class).getBean(JwtDecoder.class);
        statelessBearerTokens(http, server -> server.jwt(jwt -> jwt
                .decoder(new IssuerOutageAwareDecoder(decoder))
                .jwtAuthenticationConverter(new ClinicAuthorities())));
    }

    /**
     * What every bearer-token chain of the clinic shares, whoever issues its tokens: problem+json refusals with
     * fixed texts (a token that cannot be checked, e.g. its keys unreachable, is a 503, not a 500 error page), no
     * session, no saved requests, no CSRF. {@code tokens} says how tokens are read and checked: the clinic
     * issuer's JWTs here, an EHR's in triage's CDS Hooks chain.
     */
    public static void statelessBearerTokens(HttpSecurity http,
                                             Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> tokens) {
        ProblemResponses problems = new ProblemResponses();
        http.oauth2ResourceServer(server -> {
            tokens.customize(server);
            server.authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(problems);
                            return filter;
                        }
                    });
        })
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable);
    }
}
