package clinic.support.tracing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Tracing defaults for every clinic service. Boot samples a tenth of traces; a clinic receives a few reports a
 * minute, and the one trace an operator needs is the urgent report that went wrong, so every trace is kept.
 * Spans are only sent where {@code management.opentelemetry.tracing.export.otlp.endpoint} is set (compose points
 * it at Jaeger); without it they end in the process. Log lines carry the ids of the span in scope: in ECS JSON
 * ({@code logging.structured.format.console=ecs}) as {@code trace.id} and {@code span.id}.
 * <p>
 * The lowest-precedence property source: a service's file, the environment or the command line can say otherwise
 * (for example {@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0.1} under heavy load).
 */
public class TracingDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "clinicTracingDefaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "management.tracing.sampling.probability", "1.0",
            // ECS names for the ids Micrometer Tracing puts in the MDC, where logs are JSON (compose, Kubernetes)
            "logging.structured.json.rename.traceId", "trace.id",
            "logging.structured.json.rename.spanId", "span.id");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
        }
    }
}
