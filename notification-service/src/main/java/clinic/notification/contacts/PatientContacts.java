package clinic.notification.contacts;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.DeliveryFailure;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
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
 * {@code GET {clinic.notification.intake.base-url}/internal/v1/patient-contacts/{reportId}}. Short timeouts
 * and a couple of quick retries within the call (a restarting intake instance); beyond that the delivery
 * dispatcher's back-off takes over. A 404 (unknown report) and other 4xx are permanent.
 */
@Component
public class PatientContacts {

    private final RestClient client;
    private final RetryTemplate retry;
    private final JsonMapper json;

    PatientContacts(NotificationProperties properties, JsonMapper json) {
        NotificationProperties.Intake intake = properties.intake();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(intake.connectTimeout()).build());
        requests.setReadTimeout(intake.readTimeout());
        this.client = RestClient.builder().baseUrl(intake.baseUrl()).requestFactory(requests).build();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(intake.retries())
                .delay(intake.retryDelay())
                .predicate(e -> !(e instanceof HttpClientErrorException))
                .build());
        this.json = json;
    }

    public PatientContact lookup(UUID reportId) throws DeliveryFailure {
        String body;
        try {
            body = retry.execute(() -> client.get().uri("/internal/v1/patient-contacts/{reportId}", reportId)
                    .retrieve().body(String.class));
        } catch (RetryException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
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

    private static DeliveryFailure failure(Throwable cause) {
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
