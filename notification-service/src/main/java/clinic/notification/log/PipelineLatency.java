package clinic.notification.log;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code clinic_pipeline_latency_seconds{path="urgent"|"routine"}}: from the report's submission (the triage events'
 * {@code reportsubmittedat} attribute) to its first notification recorded here: the clinician alert on the urgent
 * path, the patient notice on the routine one. A histogram with SLO buckets, so dashboards and the burn-rate alert
 * read percentiles and the share within 250 ms across instances. A fixed name: they rely on it.
 */
@Component
public class PipelineLatency {

    /** The path a report took: urgent (a clinician alert) or routine (a patient notice only). */
    public enum Path { URGENT, ROUTINE }

    private final Timer urgent;
    private final Timer routine;
    private final Clock clock;

    PipelineLatency(MeterRegistry registry, Clock clock) {
        this.urgent = timer(registry, "urgent");
        this.routine = timer(registry, "routine");
        this.clock = clock;
    }

    /** The first notification of a report submitted at {@code submittedAt} was recorded now. */
    public void firstNotification(Path path, Instant submittedAt) {
        Duration latency = Duration.between(submittedAt, clock.instant());
        (path == Path.URGENT ? urgent : routine).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    private static Timer timer(MeterRegistry registry, String path) {
        return Timer.builder("clinic.pipeline.latency")
                .description("Report submitted to its first notification recorded, by path")
                .tag("path", path)
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1))
                .register(registry);
    }
}
