package clinic.notification.delivery;

import clinic.notification.NotificationProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final NotificationProperties.Delivery delivery = new NotificationProperties.Delivery(Duration.ofMillis(250),
            20, Duration.ofMinutes(2), 4, 8, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), 20);

    @Test
    void growsExponentiallyFromTheInitialBackoff() {
        assertThat(delivery.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delivery.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(delivery.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(delivery.backoffAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delivery.backoffAfter(60)).isEqualTo(Duration.ofSeconds(30));
    }
}
