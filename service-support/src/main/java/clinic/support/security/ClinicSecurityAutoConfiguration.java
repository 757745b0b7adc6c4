package clinic.support.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What every clinic resource server shares beyond its filter chain ({@link ClinicResourceServer}): patient
 * timeouts for the issuer's keys, tokens that must expire, and firewall refusals as problem+json.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnClass({JwtDecoder.class, JwkSetUriJwtDecoderBuilderCustomizer.class, RequestRejectedHandler.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ClinicSecurityAutoConfiguration {

    /**
     * How long the decoder waits for the issuer's metadata and keys. Spring Security's default read timeout is
     * so short that a busy issuer (or a busy machine) turns the first request after start-up into a failure;
     * the keys are then cached, so a few seconds here cost nothing in normal operation.
     */
    static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer issuerTimeouts(ObjectProvider<RestTemplateBuilder> builders) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(ISSUER_TIMEOUT);
        requests.setReadTimeout(ISSUER_TIMEOUT);
        // Boot's builder where there is one, so fetching the issuer's keys is timed and traced like other calls
        RestTemplate rest = builders.getIfAvailable(RestTemplateBuilder::new)
                .requestFactory(() -> requests).build();
        return builder -> builder.restOperations(rest);
    }

    /**
     * A token must say when it expires: Spring's timestamp check only looks at {@code exp} when it is there,
     * and a token without one would be valid forever. Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to
     * its decoder's issuer and audience checks.
     */
    @Bean
    OAuth2TokenValidator<Jwt> expiryRequired() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
    }

    /** Requests Spring Security's firewall refuses: a problem+json 400 instead of the container's error page. */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler requestRejectedHandler() {
        return new ProblemResponses();
    }
}
