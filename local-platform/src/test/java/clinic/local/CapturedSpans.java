package clinic.local;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The spans every service of the in-process platform ended, in memory: a span processor that Boot's OpenTelemetry
 * set-up adds to each application's tracer provider (registered in each context by {@link Registration}, listed in
 * this module's test {@code META-INF/spring.factories}). It keeps the most recent {@value #CAPACITY} spans, so a
 * long test run cannot fill the heap.
 */
final class CapturedSpans implements SpanProcessor {

    static final int CAPACITY = 20_000;
    static final CapturedSpans INSTANCE = new CapturedSpans();

    private final ConcurrentLinkedDeque<SpanData> spans = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    private CapturedSpans() {
    }

    /** Every captured span of one trace. */
    List<SpanData> trace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** Captured spans with this attribute value. */
    List<SpanData> withAttribute(String key, String value) {
        return spans.stream().filter(span -> span.getAttributes().asMap().entrySet().stream()
                .anyMatch(entry -> entry.getKey().getKey().equals(key)
                        && value.equals(String.valueOf(entry.getValue())))).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        spans.addLast(span.toSpanData());
        if (size.incrementAndGet() > CAPACITY && spans.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        // shared by every application in the JVM: one closing must not stop the capture for the others
        return CompletableResultCode.ofSuccess();
    }

    /** Adds {@link #INSTANCE} to an application context before it is refreshed. */
    public static final class Registration implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getBeanFactory().registerSingleton("capturedSpans", INSTANCE);
        }
    }
}
