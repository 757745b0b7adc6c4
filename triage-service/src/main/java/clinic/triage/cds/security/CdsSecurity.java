package clinic.triage.cds.security;

import clinic.support.security.AllowedRoutes;
import clinic.triage.cds.CdsPaths;
import clinic.triage.cds.CdsProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;

import static clinic.support.security.AllowedRoute.get;
import static clinic.support.security.AllowedRoute.post;
import static clinic.support.security.ClinicResourceServer.statelessBearerTokens;

/**
 * The CDS Hooks addresses have a filter chain of their own, ahead of the API's: their callers are EHRs with JWTs
 * they sign themselves (CDS Hooks 2.0 "trusting CDS clients"), not holders of the clinic issuer's access tokens,
 * so the API's resource server (one issuer, audience {@code triage-service}) must never judge them, and a clinic
 * token must never open them. Discovery is public, as in the spec: it describes the service and holds no patient
 * data. The service and its feedback need a valid EHR token ({@link EhrTokens}); everything else under
 * {@code /cds-services} is refused. Refusals are the clinic's problem+json 401s, with fixed texts.
 */
@Configuration(proxyBeanMethods = false)
class CdsSecurity {

    private static final DefaultBearerTokenResolver TOKENS = new DefaultBearerTokenResolver();
    private static final RequestMatcher DISCOVERY = PathPatternRequestMatcher.withDefaults()
            .matcher(CdsPaths.SERVICES);

    static final AllowedRoutes ROUTES = AllowedRoutes.of(
            get(CdsPaths.SERVICES).toAnyone(),
            post(CdsPaths.SERVICE, CdsPaths.FEEDBACK).to(EhrTokens.CDS_CLIENT));

    @Bean
    @Order(1) // after the API documents' chain (0), before the API's (no order: last)
    SecurityFilterChain cdsServices(HttpSecurity http, CdsProperties properties, TokenUses uses, Clock clock)
            throws Exception {
        http.securityMatcher(CdsPaths.SERVICES, CdsPaths.SERVICES + "/**");
        ROUTES.customize(http);
        statelessBearerTokens(http, server -> server
                .bearerTokenResolver(CdsSecurity::tokenOutsideDiscovery)
                .authenticationManagerResolver(EhrTokens.resolver(properties, uses, clock)));
        return http.build();
    }

    /**
     * Discovery ignores any token: it is public, a token there is not meant for it (a clinic token would be refused
     * as not an EHR's), and checking an EHR's token would spend its single-use jti on a call that needed none.
     */
    private static String tokenOutsideDiscovery(HttpServletRequest request) {
        return DISCOVERY.matches(request) ? null : TOKENS.resolve(request);
    }
}
