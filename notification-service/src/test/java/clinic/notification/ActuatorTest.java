package clinic.notification;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@NotificationServiceTest
class ActuatorTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void reportsLivenessAndReadiness() {
        assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk()
                .bodyJson().extractingPath("$.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk()
                .bodyJson().extractingPath("$.status").isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsIncludingTheNotificationCounter() {
        assertThat(mvc.get().uri("/actuator/prometheus")).hasStatusOk()
                .bodyText().contains("jvm_memory_used_bytes")
                .contains("clinic_notifications_recorded_total{channel=\"CLINICIAN_DASHBOARD\",kind=\"CLINICIAN_ALERT\"}")
                .contains("clinic_notifications_recorded_total{channel=\"PATIENT_MESSAGE\",kind=\"PATIENT_NOTICE\"}");
    }
}
