package clinic.local;

import clinic.support.tracing.TraceContexts;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One report, one trace: the request that accepted a red-flag report, intake's outbox relay, triage's consumer and
 * its events, notification's consumer and the email to the clinician all carry the same trace id, across three
 * applications and two thread hand-overs through tables. The spans come from the platform's own tracer providers
 * ({@link CapturedSpans}); no span attribute may carry the patient's name, email or phone. The services' ECS JSON
 * log lines of that work carry the trace's id.
 */
@ExtendWith(SharedPlatform.class)
class OneTracePerReportTest {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private static PlatformClient client;

    @BeforeAll
    static void usePlatform() {
        client = SharedPlatform.running().client();
    }

    @Test
    void aRedFlagReportIsOneTraceFromTheRequestToTheClinicianEmail() {
        Canary canary = Canary.fresh("traced red-flag report");
        UUID reportId = client.accept(SampleReports.with(SampleReports.numbness(), "patient", canary.patient()));

        // the consumers' spans name the record key (the report id): that is how an operator finds the trace. A
        // parent span ends after its children, so the trace is checked until it is complete.
        List<List<SpanData>> complete = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<SpanData> trace = traceOf(reportId);
            assertThat(names(trace)).as("span names").contains(
                    "http post /api/v1/symptom-reports",
                    "clinic.symptom-reports.v1 relay", "clinic.symptom-reports.v1 send",
                    "clinic.symptom-reports.v1 process",
                    "clinic.urgent-reviews.v1 relay", "clinic.urgent-reviews.v1 send",
                    "clinic.urgent-reviews.v1 process",
                    "deliver email", "smtp send");
            assertEveryParentIsInTheTrace(trace);
            complete.add(trace);
        });
        List<SpanData> trace = complete.get(complete.size() - 1);

        assertThat(trace.stream().map(SpanData::getTraceId).distinct()).hasSize(1);
        assertThat(trace.stream().map(span -> span.getResource().getAttribute(SERVICE)).collect(Collectors.toSet()))
                .as("applications in the trace").contains("intake-service", "triage-service", "notification-service");
        assertThat(spanIn(trace, "http post /api/v1/symptom-reports").getResource().getAttribute(SERVICE))
                .isEqualTo("intake-service");
        assertThat(spanIn(trace, "clinic.symptom-reports.v1 process").getResource().getAttribute(SERVICE))
                .isEqualTo("triage-service");
        assertThat(spanIn(trace, "clinic.urgent-reviews.v1 process").getResource().getAttribute(SERVICE))
                .isEqualTo("notification-service");

        assertThat(Canary.findings(List.of(canary), attributes(trace))).as("patient data in span attributes")
                .isEmpty();
        System.out.println(TraceWaterfall.of(trace));

        String traceId = trace.get(0).getTraceId();
        List<String> logged = CapturedLogs.jsonLines().stream()
                .filter(line -> line.contains("\"trace.id\":\"" + traceId + "\"")).toList();
        // the ECS JSON lines (compose, Kubernetes) of the request and of each consumer name the trace and a span
        assertThat(logged).as("JSON log lines in trace " + traceId)
                .anyMatch(line -> line.contains("\"logger\":\"clinic.intake."))
                .anyMatch(line -> line.contains("\"logger\":\"clinic.triage."))
                .anyMatch(line -> line.contains("\"logger\":\"clinic.notification."))
                .allMatch(line -> line.matches(".*\"span.id\":\"[0-9a-f]{16}\".*"));
    }

    /** The spans of the trace in which a consumer handled this report's records; empty until one has. */
    private static List<SpanData> traceOf(UUID reportId) {
        List<SpanData> consumed = CapturedSpans.INSTANCE.withAttribute(TraceContexts.MESSAGE_KEY, reportId.toString());
        assertThat(consumed.stream().map(SpanData::getTraceId).distinct()).as("traces of report " + reportId)
                .hasSizeLessThanOrEqualTo(1);
        return consumed.isEmpty() ? List.of() : CapturedSpans.INSTANCE.trace(consumed.get(0).getTraceId());
    }

    /** No span hangs off a parent the trace does not have, except the root (the intake request). */
    private static void assertEveryParentIsInTheTrace(List<SpanData> trace) {
        Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        List<SpanData> roots = trace.stream().filter(span -> !ids.contains(span.getParentSpanId())).toList();
        assertThat(names(roots)).as("spans whose parent is not in the trace").containsExactly(
                "http post /api/v1/symptom-reports");
    }

    private static SpanData spanIn(List<SpanData> trace, String name) {
        return trace.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }

    private static Map<String, String> attributes(List<SpanData> trace) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (SpanData span : trace) {
            texts.put(span.getName() + " " + span.getSpanId(), span.getName() + " " + span.getAttributes()
                    + " " + span.getEvents() + " " + span.getResource().getAttributes());
        }
        return texts;
    }
}
