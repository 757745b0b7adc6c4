package clinic.notification.contacts;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.DeliveryFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.util.UUID;

/**
 * Looks a patient's contact up from intake-service at send time:
 * {@code GET {clinic.notification.intake.base-url}/internal/v1/patient-contacts/{reportId}} with a
 * client-credentials bearer token (registration {@code patientcontacts}, scope {@code patients:contact}).
 * Short timeouts and a couple of quick retries within the call (a restarting intake instance); beyond that
 * the delivery dispatcher's back-off takes over. A 404 (unknown report) and other 4xx are permanent, except:
 * no token (issuer down), 401 (token refused: the cached one is dropped, the next attempt gets a new one) and
 * 403 (a scope misconfiguration someone can fix) are transient.
 */
@Component
public class PatientContacts {

    private static final Logger log = LoggerFactory.getLogger(PatientContacts.class);

    /** The one principal all lookups share: the service itself, not whoever caused the delivery. */
    private static final Authentication SERVICE = new AnonymousAuthenticationToken("notification-service",
            "notification-service", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final RestClient client;
    private final RetryTemplate retry;
    private final JsonMapper json;
    private final OAuth2AuthorizedClientService authorizedClients;

    PatientContacts(NotificationProperties properties, JsonMapper json,
                    AuthorizedClientServiceOAuth2AuthorizedClientManager patientContactsClientManager,
                    OAuth2AuthorizedClientService authorizedClients) {
        NotificationProperties.Intake intake = properties.intake();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(intake.connectTimeout()).build());
        requests.setReadTimeout(intake.readTimeout());
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(patientContactsClientManager);
        bearer.setClientRegistrationIdResolver(request -> ContactClientConfig.REGISTRATION);
        bearer.setPrincipalResolver(request -> SERVICE);
        this.client = RestClient.builder().baseUrl(intake.baseUrl()).requestFactory(requests)
                .requestInterceptor(bearer).build();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(intake.retries())
                .delay(intake.retryDelay())
                // 4xx and a refused token request will not change within a few hundred milliseconds
                .predicate(e -> !(e instanceof HttpClientErrorException) && !(e instanceof OAuth2AuthorizationException))
                .build());
        this.json = json;
        this.authorizedClients = authorizedClients;
    }

    public PatientContact lookup(UUID reportId) throws DeliveryFailure {
        String body;
        try {
            body = retry.execute(() -> client.get().uri("/internal/v1/patient-contacts/{reportId}", reportId)
                    .retrieve().body(String.class));
        } catch (RetryException e) {
            throw failure(reportId, e.getCause() == null ? e : e.getCause());
        }
        PatientContact contact;
        try {
            contact = json.readValue(body, PatientContact.class);
        } catch (RuntimeException e) {
            throw DeliveryFailure.transientFailure("PatientContactUnreadable", null);
        }
        if (contact == null || contact.email() == null || contact.email().isBlank()) {
            throw DeliveryFailure.permanent("PatientContactWithoutEmail", null);
        }
        return contact;
    }

    private DeliveryFailure failure(UUID reportId, Throwable cause) {
        if (cause instanceof OAuth2AuthorizationException) {
            // token endpoint down, 5xx or refusing us: no cause attached, its message can quote the response
            return DeliveryFailure.transientFailure("PatientContactTokenUnavailable", null);
        }
        if (cause instanceof HttpClientErrorException.Unauthorized) {
            authorizedClients.removeAuthorizedClient(ContactClientConfig.REGISTRATION, SERVICE.getName());
            return DeliveryFailure.transientFailure("PatientContactHttp401", null);
        }
        if (cause instanceof HttpClientErrorException.Forbidden) {
            log.error("Intake refused the contact lookup for report {} (403): does client registration {} have "
                    + "scope patients:contact?", reportId, ContactClientConfig.REGISTRATION);
            return DeliveryFailure.transientFailure("PatientContactHttp403", null);
        }
        if (cause instanceof HttpClientErrorException.NotFound) {
            return DeliveryFailure.permanent("PatientContactNotFound", null);
        }
        if (cause instanceof HttpClientErrorException clientError) {
            return DeliveryFailure.permanent("PatientContactHttp" + clientError.getStatusCode().value(), null);
        }
        if (cause instanceof ResourceAccessException access && access.getCause() instanceof HttpTimeoutException) {
            return DeliveryFailure.timeout("PatientContactTimeout", null);
        }
        // No cause attached: exception messages here can quote the URL and response body.
        return DeliveryFailure.transientFailure("PatientContact" + cause.getClass().getSimpleName(), null);
    }
}
