package clinic.support.apidocs;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * springdoc's settings for every clinic service, as the lowest-precedence property source (a service's file or
 * the environment may say otherwise). The Swagger UI logs people in with the public client {@code clinic-api-docs}
 * (authorization code with PKCE: a browser keeps no secret) and never stores their token in the browser's storage.
 * springdoc keeps the document it builds (its default): building it takes a lock and some time, and anyone may ask.
 */
public class ApiDocsDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "clinicApiDocsDefaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "springdoc.api-docs.path", "/v3/api-docs",
            "springdoc.swagger-ui.disable-swagger-default-url", "true",
            "springdoc.swagger-ui.persist-authorization", "false",
            "springdoc.swagger-ui.oauth.client-id", "clinic-api-docs",
            "springdoc.swagger-ui.oauth.use-pkce-with-authorization-code-grant", "true",
            "springdoc.swagger-ui.oauth.scopes", "openid");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
        }
    }
}
