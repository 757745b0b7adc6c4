package clinic.notification.webhook;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.ChannelSender;
import clinic.notification.delivery.DeliveryChannel;
import clinic.notification.delivery.DeliveryFailure;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import io.micrometer.common.KeyValue;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The on-call chat webhook: one signed JSON POST per attempt, with {@code clinic.notification.webhook.timeout}
 * for connecting and for the answer. 2xx is delivered; 408, 429 and 5xx, timeouts and I/O errors are
 * retried by the dispatcher; any other 4xx is permanent. {@code X-Clinic-Delivery-Id} stays the same
 * across retries so the receiver can drop repeats.
 * <p>
 * The client comes from Boot's {@link RestClient.Builder}, so each POST is timed ({@code http.client.requests})
 * and traced as a child of its delivery. The span and metric name the receiver's host only: a chat webhook's path
 * is often its secret.
 */
@Component
class WebhookChannel implements ChannelSender {

    static final String DELIVERY_ID_HEADER = "X-Clinic-Delivery-Id";

    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final RestClient http;

    WebhookChannel(NotificationProperties properties, JsonMapper json, Clock clock, RestClient.Builder clients) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        // HTTP/1.1: the JDK's default h2c upgrade attempt on a POST confuses some receivers and proxies.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.webhook().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
        requests.setReadTimeout(properties.webhook().timeout());
        this.http = clients.clone().requestFactory(requests).observationConvention(new HostOnly()).build();
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.WEBHOOK;
    }

    @Override
    public void send(DeliveryTask task, Message message) throws DeliveryFailure {
        String url = switch (task.recipient()) {
            case CLINICIAN -> properties.webhook().url();
            case ESCALATION -> properties.escalation().webhookUrl();
            case PATIENT -> null;
        };
        if (url == null || url.isBlank() || message.webhookBody() == null) {
            throw DeliveryFailure.permanent("WebhookNotConfigured", null);
        }
        String secret = properties.webhook().secret();
        if (secret == null || secret.isEmpty()) {
            throw DeliveryFailure.permanent("WebhookSecretMissing", null);
        }
        byte[] body = json.writeValueAsBytes(message.webhookBody());
        String signature = WebhookSignature.header(secret.getBytes(StandardCharsets.UTF_8),
                clock.instant().getEpochSecond(), body);
        int status = post(URI.create(url), task, signature, body);
        if (status >= 200 && status < 300) {
            return;
        }
        String errorClass = "HTTP_" + status;
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryFailure.transientFailure(errorClass, null);
        }
        throw DeliveryFailure.permanent(errorClass, null);
    }

    /** @return the receiver's status; any status is an answer here (the caller decides), only I/O fails */
    private int post(URI url, DeliveryTask task, String signature, byte[] body) throws DeliveryFailure {
        try {
            Integer status = http.post().uri(url).contentType(MediaType.APPLICATION_JSON)
                    .header(DELIVERY_ID_HEADER, task.deliveryId().toString())
                    .header(WebhookSignature.HEADER, signature)
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode().value());
            return status == null ? 0 : status;
        } catch (ResourceAccessException e) {
            // the class of the I/O failure underneath (connection refused, timeout), as before the RestClient
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw DeliveryFailure.timeout(cause.getClass().getName(), null);
            }
            throw DeliveryFailure.transientFailure(cause.getClass().getName(), null);
        }
    }

    /** The URL in spans is the receiver's origin only; the default would be the full URL, path included. */
    private static final class HostOnly extends DefaultClientRequestObservationConvention {

        @Override
        protected KeyValue requestUri(ClientRequestObservationContext context) {
            URI uri = context.getCarrier() == null ? null : context.getCarrier().getURI();
            String origin = uri == null ? "none" : uri.getScheme() + "://" + uri.getAuthority();
            return KeyValue.of("http.url", origin);
        }
    }
}
