package clinic.triage.cds.security;

import clinic.triage.cds.CdsPaths;
import clinic.triage.cds.CdsProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.web.client.RestTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which EHR sent a token: one decoder per trusted issuer, chosen by the token's {@code iss} before anything else is
 * believed (Spring's {@link JwtIssuerAuthenticationManagerResolver}); a token of any other issuer is refused
 * without a single request to the address it names. Each decoder checks the signature against the JWKS configured
 * for its issuer, never against a {@code jku} in the token's header, then CDS Hooks' claims
 * ({@link EhrTokenValidator}). A valid token gives one authority, {@link #CDS_CLIENT}: what the EHR may do is
 * call the CDS service, nothing in the clinic API.
 */
final class EhrTokens {

    static final String CDS_CLIENT = "CDS_CLIENT";

    private EhrTokens() {
    }

    static AuthenticationManagerResolver<HttpServletRequest> resolver(CdsProperties properties, TokenUses uses,
                                                                      Clock clock) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        // a slow JWKS must not hold the EHR's request (and a servlet thread) for long
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(5));
        RestTemplate jwks = new RestTemplate(timeouts);
        String audience = properties.serviceUrl(CdsPaths.SERVICE_ID);
        JwtAuthenticationConverter authorities = new JwtAuthenticationConverter();
        authorities.setJwtGrantedAuthoritiesConverter(jwt -> List.of(new SimpleGrantedAuthority(CDS_CLIENT)));
        Map<String, AuthenticationManager> managers = new HashMap<>();
        for (CdsProperties.TrustedClient client : properties.clients()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(client.jwksUri().toString())
                    .restOperations(jwks)
                    // CDS Hooks recommends ES384 or RS384; Spring Authorization Server signs with RS256
                    .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256,
                            SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256,
                            SignatureAlgorithm.ES384)))
                    .build();
            decoder.setJwtValidator(new EhrTokenValidator(client.issuer(), audience,
                    properties.tokenMaxLifetime(), properties.clockSkew(), uses, clock));
            JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
            provider.setJwtAuthenticationConverter(authorities);
            managers.put(client.issuer(), provider::authenticate);
        }
        return new JwtIssuerAuthenticationManagerResolver(managers::get);
    }
}
