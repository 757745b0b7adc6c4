package clinic.notification.contacts;

import clinic.notification.NotificationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.util.List;

/**
 * Client credentials for the contact lookup (registration {@code patientcontacts}). Deliveries run on
 * background threads without a request, so the manager is the service-backed one; it keeps the token until
 * it expires. Nothing here calls the token endpoint at startup: the service starts while the issuer is down.
 * Both clients start from Boot's {@link RestClient.Builder}, so the lookups and token requests are timed
 * ({@code http.client.requests}, by URI template, never an id) and traced.
 */
@Configuration
class ContactClientConfig {

    static final String REGISTRATION = "patientcontacts";

    @Bean
    AuthorizedClientServiceOAuth2AuthorizedClientManager patientContactsClientManager(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientService clients,
            NotificationProperties properties, RestClient.Builder http) {
        RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
        tokens.setRestClient(tokenEndpointClient(properties.intake(), http));
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(credentials -> credentials.accessTokenResponseClient(tokens))
                .build());
        return manager;
    }

    @Bean
    IntakeClient intakeClient(NotificationProperties properties, RestClient.Builder http,
                              AuthorizedClientServiceOAuth2AuthorizedClientManager patientContactsClientManager) {
        NotificationProperties.Intake intake = properties.intake();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(intake.connectTimeout()).build());
        requests.setReadTimeout(intake.readTimeout());
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(patientContactsClientManager);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION);
        bearer.setPrincipalResolver(request -> IntakeClient.SERVICE);
        return new IntakeClient(http.clone().baseUrl(intake.baseUrl()).requestFactory(requests)
                .requestInterceptor(bearer).build());
    }

    /** The token endpoint gets the same short timeouts as intake itself: a hanging issuer must not stall a sender. */
    private static RestClient tokenEndpointClient(NotificationProperties.Intake intake, RestClient.Builder http) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(intake.connectTimeout()).build());
        requests.setReadTimeout(intake.readTimeout());
        return http.clone()
                .requestFactory(requests)
                .messageConverters(List.of(new FormHttpMessageConverter(),
                        new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }
}
