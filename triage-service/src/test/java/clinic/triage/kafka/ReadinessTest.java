package clinic.triage.kafka;

import clinic.support.testing.TestIssuer;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasKey;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Readiness shows operations the outbox backlog and the listener containers, shows everyone else the status
 * only, and goes DOWN when a container dies.
 */
@TriageServiceTest
class ReadinessTest {

    static final String LISTENER = "triage-symptom-reports";

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    static final String OPS = TestIssuer.bearer(TestIssuer.get().ops("ops-readiness"));
    static final String METRICS = TestIssuer.bearer(TestIssuer.get().client("clinic-metrics", "metrics:read"));
    static final String PATIENT = TestIssuer.bearer(TestIssuer.get().patient("patient-readiness"));

    @Test
    void showsTheOutboxBacklogAndTheListenersInReadiness() throws Exception {
        mvc.perform(get("/actuator/health/readiness").header(AUTHORIZATION, OPS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.outbox.status").value("UP"))
                .andExpect(jsonPath("$.components.outbox.details", hasKey("pending")))
                .andExpect(jsonPath("$.components.outbox.details", hasKey("oldestPendingAgeSeconds")))
                .andExpect(jsonPath("$.components.kafkaListeners.details." + LISTENER).value("RUNNING"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }

    @Test
    void anyoneSeesTheStatusButOnlyOperationsAndTheMetricsClientSeeTheComponents() throws Exception {
        for (String caller : new String[] {null, PATIENT}) {
            var request = get("/actuator/health/readiness");
            mvc.perform(caller == null ? request : request.header(AUTHORIZATION, caller))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"))
                    .andExpect(jsonPath("$.components").doesNotExist());
        }
        mvc.perform(get("/actuator/health/readiness").header(AUTHORIZATION, METRICS))
                .andExpect(jsonPath("$.components.outbox.details", hasKey("pending")));
    }

    @Test
    void readinessGoesDownWhileAListenerContainerIsStoppedAbnormally() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        container.stopAbnormally(() -> { });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 503);
            mvc.perform(get("/actuator/health/readiness").header(AUTHORIZATION, OPS))
                    .andExpect(jsonPath("$.status").value("DOWN"))
                    .andExpect(jsonPath("$.components.kafkaListeners.details." + LISTENER)
                            .value("STOPPED_ABNORMALLY"));
            mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        } finally {
            container.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
    }

    @Test
    void exposesTheOutboxBacklogToPrometheus() throws Exception {
        mvc.perform(get("/actuator/prometheus")
                        .header("Authorization", "Bearer " + TestIssuer.get().ops("ops-readiness")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.containsString("clinic_outbox_pending "),
                                org.hamcrest.Matchers.containsString("clinic_outbox_oldest_pending_age_seconds "))));
    }

    private int readinessStatus() throws Exception {
        return mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus();
    }
}
