package clinic.bench.load;

import clinic.bench.Latencies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed outcome: the table, then the RESULT line (last, so scripts can take the last line). */
final class ResultTable {

    /** The label of the warm-up's row: it runs on a cold platform, so it is shown but not judged. */
    static final String WARM_UP = "warm-up";

    private final List<String> lines = new ArrayList<>();

    void line(String format, Object... args) {
        lines.add(String.format(Locale.ROOT, format, args));
    }

    static String stepHeader() {
        return String.format(Locale.ROOT, "%9s %7s %7s %5s %10s %9s %9s %10s %7s %8s %6s %8s  %s", "rate/s", "sent",
                "202", "err", "achieved/s", "http p50", "http p99", "backlog/s", "queued", "drain s", "cores",
                "cpu ms/r", "sustained");
    }

    static String stepRow(String label, StepResult s) {
        StepRecord r = s.record();
        return String.format(Locale.ROOT, "%9s %7d %7d %5d %10.1f %9.1f %9.1f %10.1f %7.0f %8s %6.2f %8s  %s", label,
                r.planned, r.accepted(), r.errors(), r.achievedRate(), s.httpP50(), s.httpP99(), s.backlogGrowth(),
                s.endBacklog(),
                s.drain().caughtUp() ? String.format(Locale.ROOT, "%.1f", s.drain().seconds())
                        : ">" + (int) s.drain().seconds(),
                s.cpu().coresUsed(),
                s.cpu().complete() ? String.format(Locale.ROOT, "%.1f", s.cpu().msPerReport())
                        : ">" + String.format(Locale.ROOT, "%.1f", s.cpu().msPerReport()),
                (label.equals(WARM_UP) ? "(warm-up, not judged)" : s.verdict())
                        + (r.firstError == null ? "" : " [first error: " + r.firstError + "]"));
    }

    static String latencyRow(String what, Latencies l) {
        return String.format(Locale.ROOT, "  %-40s n=%-6d missing=%-4d p50=%8.1f ms  p99=%8.1f ms  max=%8.1f ms",
                what, l.count(), l.missing(), l.percentile(0.50), l.percentile(0.99), l.percentile(1.0));
    }

    static String result(double rate, double httpP99, double urgentP99, double selfCareP99, double idleP50,
                         double idleP99, double rawRate) {
        return String.format(Locale.ROOT, "RESULT rate=%.0f http_p99_ms=%.1f urgent_e2e_p99_ms=%.1f "
                        + "selfcare_e2e_p99_ms=%.1f idle_alert_p50_ms=%.1f idle_alert_p99_ms=%.1f raw_kafka_rate=%.0f "
                        + "ratio=%.4f", rate, httpP99, urgentP99, selfCareP99, idleP50, idleP99, rawRate,
                rawRate > 0 ? rate / rawRate : Double.NaN);
    }

    void print() {
        lines.forEach(System.out::println);
    }
}
