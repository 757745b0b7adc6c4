package clinic.local;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A trace as text, one span per line, children indented under their parent, with start offset and duration. */
final class TraceWaterfall {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private TraceWaterfall() {
    }

    static String of(List<SpanData> trace) {
        long start = trace.stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0);
        Map<String, List<SpanData>> children = trace.stream().collect(Collectors.groupingBy(SpanData::getParentSpanId));
        StringBuilder text = new StringBuilder("trace ").append(trace.isEmpty() ? "-" : trace.get(0).getTraceId())
                .append('\n').append(String.format(Locale.ROOT, "%9s %9s  %-22s %s%n", "start ms", "took ms",
                        "service", "span"));
        trace.stream().filter(span -> trace.stream().noneMatch(other -> other.getSpanId()
                        .equals(span.getParentSpanId())))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(root -> append(text, root, children, start, 0));
        return text.toString();
    }

    private static void append(StringBuilder text, SpanData span, Map<String, List<SpanData>> children, long start,
                               int depth) {
        text.append(String.format(Locale.ROOT, "%9.1f %9.1f  %-22s %s%s (%s)%n",
                (span.getStartEpochNanos() - start) / 1e6, (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6,
                span.getResource().getAttribute(SERVICE), "  ".repeat(depth), span.getName(),
                span.getKind().name().toLowerCase(Locale.ROOT)));
        children.getOrDefault(span.getSpanId(), List.of()).stream()
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(child -> append(text, child, children, start, depth + 1));
    }
}
