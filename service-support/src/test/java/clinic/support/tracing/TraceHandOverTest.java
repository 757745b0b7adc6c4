package clinic.support.tracing;

import clinic.events.OutgoingEvent;
import clinic.support.kafka.RecordBatches;
import clinic.support.outbox.Outbox;
import clinic.support.testapp.PlumbingTest;
import clinic.support.testing.TopicReader;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two places where the clinic's work changes threads keep the trace, on the embedded broker with Boot's own
 * OpenTelemetry tracer: an event appended in a span is published by the relay thread with a {@code traceparent}
 * header of that trace, and a batch listener's record is handled in a span of the trace its header names.
 */
@PlumbingTest
class TraceHandOverTest {

    private static final String TOPIC = "clinic.trace-hand-over-test.v1";

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Tracer tracer;
    @Autowired
    TraceContexts traces;
    @Autowired
    RecordBatches batches;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void anEventAppendedInASpanIsPublishedInThatTrace() {
        String key = UUID.randomUUID().toString();
        Span request = tracer.nextSpan().name("accept report").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            transaction.executeWithoutResult(status -> outbox.append(event(key)));
        } finally {
            request.end();
        }

        try (TopicReader reader = new TopicReader(brokers, TOPIC)) {
            String[] traceParent = traceParentOf(reader.awaitRecord(key)).split("-");
            assertThat(traceParent[1]).as("trace id").isEqualTo(request.context().traceId());
            // the producer's span (a child of the relay's), not the request's own span
            assertThat(traceParent[2]).as("parent span id").isNotEqualTo(request.context().spanId());
            assertThat(traceParent[3]).as("sampled").isEqualTo("01");
        }
    }

    @Test
    void anEventAppendedOutsideAnySpanStartsATraceOfItsOwn() {
        String key = UUID.randomUUID().toString();
        assertThat(traces.currentTraceParent()).isNull();
        transaction.executeWithoutResult(status -> outbox.append(event(key)));

        try (TopicReader reader = new TopicReader(brokers, TOPIC)) {
            assertThat(traceParentOf(reader.awaitRecord(key))).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        }
    }

    @Test
    void aBatchListenerHandlesEachRecordInTheTraceOfItsHeader() {
        String first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String second = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        List<String> seen = new ArrayList<>();

        batches.inOneTransaction(List.of(record(first), record(second), record(null)),
                record -> seen.add(traces.currentTraceParent()));

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(seen.get(1)).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        assertThat(seen.get(2)).as("a record without a header starts a trace").matches("00-[0-9a-f]{32}-.*")
                .doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c");
        assertThat(traces.currentTraceParent()).as("no span left in scope").isNull();
    }

    private static ConsumerRecord<String, byte[]> record(String traceParent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 0, 0, UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8));
        if (traceParent != null) {
            record.headers().add(TraceContexts.TRACEPARENT, traceParent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static OutgoingEvent event(String key) {
        return new OutgoingEvent(UUID.randomUUID(), TOPIC, key, "clinic.test.traced.v1", "/clinic/plumbing-test",
                Instant.now(), "urn:clinic:schema:clinic.test.traced.v1", "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String traceParentOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TraceContexts.TRACEPARENT);
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
