package clinic.notification.webhook;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.ChannelSender;
import clinic.notification.delivery.DeliveryChannel;
import clinic.notification.delivery.DeliveryFailure;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The on-call chat webhook: one signed JSON POST per attempt, with {@code clinic.notification.webhook.timeout}
 * for connecting and for the answer. 2xx is delivered; 408, 429 and 5xx, timeouts and I/O errors are
 * retried by the dispatcher; any other 4xx is permanent. {@code X-Clinic-Delivery-Id} stays the same
 * across retries so the receiver can drop repeats.
 */
@Component
class WebhookChannel implements ChannelSender {

    static final String DELIVERY_ID_HEADER = "X-Clinic-Delivery-Id";

    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    WebhookChannel(NotificationProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        // HTTP/1.1: the JDK's default h2c upgrade attempt on a POST confuses some receivers and proxies.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.webhook().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.webhook().timeout())
                .header("Content-Type", "application/json")
                .header(DELIVERY_ID_HEADER, task.deliveryId().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret.getBytes(StandardCharsets.UTF_8),
                        clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status = post(request);
        if (status >= 200 && status < 300) {
            return;
        }
        String errorClass = "HTTP_" + status;
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryFailure.transientFailure(errorClass, null);
        }
        throw DeliveryFailure.permanent(errorClass, null);
    }

    private int post(HttpRequest request) throws DeliveryFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw DeliveryFailure.timeout(e.getClass().getName(), null);
        } catch (IOException e) {
            throw DeliveryFailure.transientFailure(e.getClass().getName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.transientFailure(e.getClass().getName(), null);
        }
    }
}
