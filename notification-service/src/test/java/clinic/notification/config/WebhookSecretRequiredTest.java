package clinic.notification.config;

import clinic.notification.NotificationProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook URL without its signing secret is refused when the configuration is bound, not at the first alert. */
class WebhookSecretRequiredTest {

    @Test
    void refusesAnOnCallWebhookWithoutASecret() {
        assertThatThrownBy(() -> bind(Map.of("clinic.notification.webhook.url", "https://chat.example/hook")))
                .rootCause().hasMessageContaining("clinic.notification.webhook.secret must be set");
    }

    @Test
    void refusesAnEscalationWebhookWithoutASecret() {
        assertThatThrownBy(() -> bind(Map.of("clinic.notification.escalation.webhook-url", "https://chat.example/esc")))
                .rootCause().hasMessageContaining("clinic.notification.escalation.webhook-url is set");
    }

    @Test
    void acceptsWebhooksWithASecretAndNoWebhookWithout() {
        NotificationProperties signed = bind(Map.of("clinic.notification.webhook.url", "https://chat.example/hook",
                "clinic.notification.escalation.webhook-url", "https://chat.example/esc",
                "clinic.notification.webhook.secret", "s3cret"));
        assertThat(signed.webhook().enabled()).isTrue();
        assertThat(bind(Map.of()).webhook().enabled()).isFalse();
    }

    private static NotificationProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("clinic.notification", NotificationProperties.class);
    }
}
