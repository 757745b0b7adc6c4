package clinic.support.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link TraceContexts} for the outbox, the batch listeners and notification's deliveries. Boot's tracer and
 * propagator when tracing is on; no-ops otherwise, so the same code runs either way.
 */
@AutoConfiguration
public class TracingAutoConfiguration {

    @Bean
    TraceContexts traceContexts(ObjectProvider<ObservationRegistry> observations, ObjectProvider<Tracer> tracer,
                                ObjectProvider<Propagator> propagator) {
        return new TraceContexts(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
