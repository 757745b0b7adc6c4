package clinic.intake.security;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;

/**
 * How long the token decoder waits for the issuer's keys. Spring Security's default read timeout is so
 * short that a busy issuer (or a busy machine) turns the first request after start-up into a 500; the
 * keys are then cached, so a few seconds here cost nothing in normal operation.
 */
@Configuration(proxyBeanMethods = false)
class JwksTimeouts {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer patientJwksTimeouts() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(TIMEOUT);
        requests.setReadTimeout(TIMEOUT);
        RestTemplate rest = new RestTemplate(requests);
        return builder -> builder.restOperations(rest);
    }
}
