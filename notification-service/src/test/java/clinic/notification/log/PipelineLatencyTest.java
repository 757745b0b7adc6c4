package clinic.notification.log;

import clinic.events.OutgoingEvent;
import clinic.events.ReportSubmittedAt;
import clinic.events.triage.Disposition;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static clinic.notification.TestEvents.decision;
import static clinic.notification.TestEvents.send;
import static clinic.notification.TestEvents.urgentReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code clinic_pipeline_latency_seconds{path}}: report submitted (the triage events' {@code reportsubmittedat}) to
 * its first notification here, once per report: the alert for an urgent report (its patient notice is not timed
 * again), the patient notice for a routine one.
 */
@NotificationServiceTest
class PipelineLatencyTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    MeterRegistry meters;

    @Test
    void timesAnUrgentReportOnItsAlertAndARoutineOneOnItsNotice() {
        Timer urgent = meters.find("clinic.pipeline.latency").tag("path", "urgent").timer();
        Timer routine = meters.find("clinic.pipeline.latency").tag("path", "routine").timer();
        long urgentBefore = urgent.count();
        long routineBefore = routine.count();
        Instant submitted = TestClock.CLOCK.instant().minusSeconds(2);
        UUID urgentReport = UUID.randomUUID();
        UUID selfCareReport = UUID.randomUUID();

        send(kafka, stamped(urgentReview(urgentReport, Disposition.URGENT_REVIEW), submitted));
        send(kafka, stamped(decision(urgentReport, Disposition.URGENT_REVIEW), submitted));
        send(kafka, stamped(decision(selfCareReport, Disposition.SELF_CARE), submitted));

        await().atMost(Duration.ofSeconds(10)).until(() -> urgent.count() == urgentBefore + 1
                && routine.count() == routineBefore + 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> routine.count() == routineBefore + 1);
        assertThat(urgent.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2000);
        assertThat(((PrometheusMeterRegistry) meters).scrape())
                .contains("clinic_pipeline_latency_seconds_bucket{path=\"urgent\",le=\"0.25\"}",
                        "clinic_pipeline_latency_seconds_count{path=\"routine\"}");
    }

    @Test
    void anEventWithoutTheSubmissionTimeIsNotTimed() {
        Timer routine = meters.find("clinic.pipeline.latency").tag("path", "routine").timer();
        long before = routine.count();
        UUID reportId = UUID.randomUUID();

        send(kafka, decision(reportId, Disposition.SELF_CARE));

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> routine.count() == before);
    }

    private static OutgoingEvent stamped(OutgoingEvent event, Instant submittedAt) {
        return ReportSubmittedAt.stamp(event, submittedAt);
    }
}
