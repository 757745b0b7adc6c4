package clinic.support.tracing;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Boot's exemplar configuration and a real OpenTelemetry tracer: by default a timer recorded in a span
 * carries that span's trace id as an exemplar in the OpenMetrics scrape; {@code clinic.metrics.exemplars=false}
 * removes every exemplar (what Prometheus before 2.43 needs) without touching the tracer.
 */
class ExemplarSwitchTest {

    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final SdkTracerProvider PROVIDER = SdkTracerProvider.builder().build();
    private static final Tracer TRACER = new OtelTracer(PROVIDER.get("exemplar-switch-test"),
            new OtelCurrentTraceContext(), event -> { });

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ExemplarSwitch.class, PrometheusExemplarsAutoConfiguration.class))
            .withBean(Tracer.class, () -> TRACER);

    @AfterAll
    static void closeTracer() {
        PROVIDER.close();
    }

    @Test
    void byDefaultATimerRecordedInASpanNamesItsTraceInTheScrape() {
        contexts.run(context -> {
            Scrape scrape = recordInASpan(context.getBean(SpanContext.class));
            assertThat(scrape.text()).contains("trace_id=\"" + scrape.traceId() + "\"");
        });
    }

    @Test
    void switchedOffNoLineOfTheScrapeCarriesAnExemplar() {
        contexts.withPropertyValues("clinic.metrics.exemplars=false").run(context -> {
            Scrape scrape = recordInASpan(context.getBean(SpanContext.class));
            assertThat(scrape.text()).contains("exemplar_test_seconds_count 1")
                    .doesNotContain("trace_id").doesNotContain(" # {");
        });
    }

    @Test
    void switchedOnExplicitlyBootsExemplarsStay() {
        contexts.withPropertyValues("clinic.metrics.exemplars=true").run(context ->
                assertThat(context).doesNotHaveBean("noExemplars").hasSingleBean(SpanContext.class));
    }

    private static Scrape recordInASpan(SpanContext spanContext) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), Clock.SYSTEM, spanContext);
        Span span = TRACER.nextSpan().name("exemplar test").start();
        try (Tracer.SpanInScope scope = TRACER.withSpan(span)) {
            Timer.builder("exemplar.test").register(registry).record(Duration.ofMillis(5));
        } finally {
            span.end();
        }
        return new Scrape(registry.scrape(OPEN_METRICS), span.context().traceId());
    }

    private record Scrape(String text, String traceId) {
    }
}
