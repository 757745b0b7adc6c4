package clinic.support.apidocs;

import clinic.support.security.AllowedRoutes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static clinic.support.security.ClinicResourceServer.clinicResourceServer;

/**
 * A clinic service's OpenAPI document and Swagger UI (springdoc), where the service has springdoc: the document's
 * title and description ({@link ApiDocsProperties}), its security schemes at the service's issuer
 * ({@link ClinicSecuritySchemes}), and a filter chain of their own that lets anyone read them
 * ({@link AllowedRoutes#apiDocuments()}) under the Swagger UI's content security policy. Everything else stays
 * with the service's own chains.
 */
@AutoConfiguration(after = OAuth2ResourceServerAutoConfiguration.class,
        afterName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnClass({OpenApiCustomizer.class, HttpSecurity.class, JwtDecoder.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class ApiDocsAutoConfiguration {

    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI clinicOpenApi(ApiDocsProperties properties) {
        return new OpenAPI().info(new Info().title(properties.title()).description(properties.description())
                .version("v1"));
    }

    @Bean
    @ConditionalOnProperty(ISSUER)
    IssuerEndpoints issuerEndpoints(Environment environment,
                                    ObjectProvider<RestClient.Builder> builders) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(IssuerEndpoints.TIMEOUT);
        requests.setReadTimeout(IssuerEndpoints.TIMEOUT);
        // Boot's builder where there is one, so the discovery call is timed and traced like other calls
        RestClient rest = builders.getIfAvailable(RestClient::builder).requestFactory(requests).build();
        return new IssuerEndpoints(environment.getRequiredProperty(ISSUER), rest, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean(IssuerEndpoints.class)
    ClinicSecuritySchemes clinicSecuritySchemes(IssuerEndpoints issuer, ApiDocsProperties properties) {
        return new ClinicSecuritySchemes(issuer, properties);
    }

    /**
     * The documents' own chain, ahead of the service's (order 0; theirs are 1 and up). A clinic resource server
     * like the API's, so a refused method or a bad token is answered as the API answers it (problem+json).
     */
    @Bean
    @Order(0)
    @ConditionalOnBean(JwtDecoder.class)
    SecurityFilterChain clinicApiDocuments(HttpSecurity http, ObjectProvider<IssuerEndpoints> issuer)
            throws Exception {
        String issuerOrigin = issuer.stream().map(IssuerEndpoints::origin).findFirst().orElse(null);
        // springdoc also maps the Swagger UI's web jar under /webjars: this chain answers for it too, and refuses
        // it (the table lists /swagger-ui only), so every route springdoc adds is decided in one place
        List<String> paths = new ArrayList<>(AllowedRoutes.API_DOCUMENT_PATHS);
        paths.add("/webjars/swagger-ui/**");
        http.securityMatcher(paths.toArray(String[]::new));
        AllowedRoutes.apiDocuments().customize(http);
        clinicResourceServer().customize(http);
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                SwaggerUiPolicy.contentSecurityPolicy(issuerOrigin))));
        return http.build();
    }
}
