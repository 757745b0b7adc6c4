package clinic.support.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.observation.transport.Kind;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries a trace across the places where the clinic's work leaves a thread: a row written now and sent later by
 * another thread (the outbox, notification's deliveries), and the records of a batch listener, which Spring Kafka
 * does not observe one by one. The context travels as a W3C {@code traceparent} string, the same value the HTTP and
 * Kafka instrumentation propagate; it names trace and span ids only, never anything a patient typed.
 * <p>
 * Everything here goes through Micrometer's Observation API, so each hop is also timed, and the tracer and
 * propagator Boot configures decide sampling and the wire format. Without a tracer (tracing switched off) the
 * observations still run and {@link #currentTraceParent()} answers null.
 */
public class TraceContexts {

    /** The W3C trace-context header, in HTTP and as a Kafka record header. */
    public static final String TRACEPARENT = "traceparent";

    /** The span attribute with a consumed record's key (OpenTelemetry's messaging convention). */
    public static final String MESSAGE_KEY = "messaging.kafka.message.key";

    private final ObservationRegistry observations;
    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContexts(ObservationRegistry observations, Tracer tracer, Propagator propagator) {
        this.observations = observations;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Observations without a tracer: for code run outside a Spring context (tests, tools). */
    public static TraceContexts untraced() {
        return new TraceContexts(ObservationRegistry.NOOP, Tracer.NOOP, Propagator.NOOP);
    }

    /** The {@code traceparent} of the span in scope on this thread, to store with work done later; else null. */
    public String currentTraceParent() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * An observation (not yet started) that continues the trace of {@code traceParent}, as a consumer of work
     * handed over through a table or a queue; a new trace when {@code traceParent} is null.
     *
     * @param name           the metric name, low cardinality (e.g. {@code clinic.outbox.relay})
     * @param contextualName the span name (e.g. {@code clinic.symptom-reports.v1 relay})
     */
    public Observation continuing(String name, String contextualName, String traceParent) {
        Map<String, String> carrier = traceParent == null ? Map.of() : Map.of(TRACEPARENT, traceParent);
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(carrier);
        return Observation.createNotStarted(name, () -> context, observations).contextualName(contextualName);
    }

    /** Runs {@code work} in {@link #continuing(String, String, String)}. */
    public <T> T inContinuedTrace(String name, String contextualName, String traceParent, Supplier<T> work) {
        return continuing(name, contextualName, traceParent).observe(work);
    }

    /**
     * Handles one Kafka record in a span continuing the trace in its {@code traceparent} header. The span names
     * the record's key (the clinic's keys are report ids), so an operator finds a report's trace by its id.
     */
    public void process(ConsumerRecord<?, ?> record, Runnable handler) {
        continuing("clinic.kafka.process", record.topic() + " process", header(record, TRACEPARENT))
                .lowCardinalityKeyValue("topic", record.topic())
                .highCardinalityKeyValue(MESSAGE_KEY, String.valueOf(record.key()))
                .observe(handler);
    }

    /**
     * A client call to a remote system that has no instrumentation of its own (SMTP), as a child of
     * {@code parent}, or of the observation in scope when {@code parent} is null.
     *
     * @param remoteService what is called (e.g. {@code smtp}); a low-cardinality tag of the metric
     */
    public Observation client(String name, String contextualName, String remoteService, Observation parent) {
        SenderContext<Object> context = new SenderContext<>((carrier, key, value) -> { }, Kind.CLIENT);
        context.setRemoteServiceName(remoteService);
        Observation observation = Observation.createNotStarted(name, () -> context, observations)
                .contextualName(contextualName).lowCardinalityKeyValue("remote", remoteService);
        return parent == null ? observation : observation.parentObservation(parent);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
