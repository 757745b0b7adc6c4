package clinic.notification;

import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class ActuatorTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /** Readiness waits for each listener's first partition assignment, which may come after the context starts. */
    @BeforeEach
    void awaitReadiness() {
        await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
    }

    @Test
    void reportsLivenessAndReadiness() {
        assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk()
                .bodyJson().extractingPath("$.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk()
                .bodyJson().extractingPath("$.status").isEqualTo("UP");
    }

    static final String OPS = TestIssuer.bearer(TestIssuer.get().ops("ops-readiness"));

    @Test
    void showsOperationsTheListenerContainersAndTheDatabaseInReadiness() {
        assertThat(mvc.get().uri("/actuator/health/readiness").header("Authorization", OPS)).hasStatusOk().bodyJson()
                .extractingPath("$.components.kafkaListeners.details")
                .asMap().containsEntry(UrgentReviews.LISTENER, "RUNNING").containsEntry(Decisions.LISTENER, "RUNNING");
        assertThat(mvc.get().uri("/actuator/health/readiness").header("Authorization", OPS)).bodyJson()
                .extractingPath("$.components.db.status").isEqualTo("UP");
    }

    @Test
    void showsAnonymousCallersTheStatusOnly() {
        assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk().bodyJson()
                .doesNotHavePath("$.components");
    }

    @Test
    void readinessGoesDownWhileTheUrgentReviewListenerIsStoppedAbnormally() {
        MessageListenerContainer container = listeners.getListenerContainer(UrgentReviews.LISTENER);
        container.stopAbnormally(() -> { });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 503);
            assertThat(mvc.get().uri("/actuator/health/readiness").header("Authorization", OPS)).bodyJson()
                    .extractingPath("$.components.kafkaListeners.details." + UrgentReviews.LISTENER)
                    .isEqualTo("STOPPED_ABNORMALLY");
            assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk();
        } finally {
            container.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
    }

    private int readinessStatus() {
        return mvc.get().uri("/actuator/health/readiness").exchange().getResponse().getStatus();
    }

    /** Listener ids, as the service declares them. */
    static final class UrgentReviews {
        static final String LISTENER = "notification-urgent-review-alerts";
    }

    static final class Decisions {
        static final String LISTENER = "notification-decision-notices";
    }

    @Test
    void exposesPrometheusMetricsIncludingTheNotificationCounter() {
        assertThat(mvc.get().uri("/actuator/prometheus")
                .header("Authorization", TestIssuer.bearer(TestIssuer.get().ops("ops-test")))).hasStatusOk()
                .bodyText().contains("jvm_memory_used_bytes")
                .contains("clinic_notifications_recorded_total{channel=\"CLINICIAN_DASHBOARD\",kind=\"CLINICIAN_ALERT\"}")
                .contains("clinic_notifications_recorded_total{channel=\"PATIENT_MESSAGE\",kind=\"PATIENT_NOTICE\"}");
    }
}
