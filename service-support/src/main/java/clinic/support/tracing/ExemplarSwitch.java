package clinic.support.tracing;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@code clinic.metrics.exemplars=false} takes the trace exemplars out of {@code /actuator/prometheus}.
 * Micrometer puts exemplars on the {@code _count} of every timer; Prometheus before 2.43 (Debian 12 ships 2.42)
 * rejects the whole scrape for that ("does not support exemplars"). Boot's exemplar configuration has no switch
 * of its own; it backs off when a {@link SpanContext} bean exists, so this one, which never samples, turns the
 * exemplars off while the traces stay as they are.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus"
        + ".PrometheusExemplarsAutoConfiguration")
@ConditionalOnClass(SpanContext.class)
@ConditionalOnProperty(name = "clinic.metrics.exemplars", havingValue = "false")
public class ExemplarSwitch {

    @Bean
    SpanContext noExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {
                // nothing is ever an exemplar
            }
        };
    }
}
