package clinic.local.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/**
 * Cross-origin access for the services' Swagger UIs (client {@code clinic-api-docs}), which redeem the login's code
 * with a POST from the page's own origin: the token endpoint and the discovery document, from exactly the services'
 * origins, without cookies. Every other address of the issuer, and every other origin, gets no CORS answer (a
 * preflight from another origin is refused), so no other site's script can read what this issuer answers.
 */
final class SwaggerUiCors implements CorsConfigurationSource {

    static final String TOKEN = "/oauth2/token";
    static final String DISCOVERY = "/.well-known/openid-configuration";

    private final CorsConfiguration token;
    private final CorsConfiguration discovery;

    SwaggerUiCors(List<String> origins) {
        this.token = configuration(origins, HttpMethod.POST);
        this.discovery = configuration(origins, HttpMethod.GET);
    }

    private static CorsConfiguration configuration(List<String> origins, HttpMethod method) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins.stream().map(String::trim).toList());
        configuration.setAllowedMethods(List.of(method.name()));
        // what the Swagger UI sends with its token request (client credentials: Basic authentication)
        configuration.setAllowedHeaders(List.of("Content-Type", "Accept", "Authorization", "X-Requested-With"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
        return configuration;
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return switch (path) {
            case TOKEN -> token;
            case DISCOVERY -> discovery;
            default -> null;
        };
    }
}
