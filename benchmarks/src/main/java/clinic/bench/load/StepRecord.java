package clinic.bench.load;

import clinic.bench.Latencies;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one open-loop step sent and got back, request by request. Latency counts from the time the request was
 * scheduled, not from when it actually left: if the generator fell behind (all connections busy), the wait is
 * part of what a client would have seen, so a slow platform cannot hide its backlog (no coordinated omission).
 */
final class StepRecord {

    final double rate;
    final int planned;
    final long startNanos;
    final long[] scheduledNanos;
    final long[] doneNanos;
    final int[] status;
    final String[] reportIds;
    final ReportClass[] classes;
    volatile String firstError;

    StepRecord(double rate, int planned, long startNanos) {
        this.rate = rate;
        this.planned = planned;
        this.startNanos = startNanos;
        this.scheduledNanos = new long[planned];
        this.doneNanos = new long[planned];
        this.status = new int[planned];
        this.reportIds = new String[planned];
        this.classes = new ReportClass[planned];
    }

    int accepted() {
        int n = 0;
        for (int s : status) {
            n += s == 202 ? 1 : 0;
        }
        return n;
    }

    int errors() {
        return planned - accepted();
    }

    /** Accepted reports per second, over the time from the first scheduled send to the last answer. */
    double achievedRate() {
        long last = startNanos;
        for (long done : doneNanos) {
            last = Math.max(last, done);
        }
        double seconds = Math.max(planned / rate, (last - startNanos) / 1e9);
        return accepted() / seconds;
    }

    /** From the scheduled send to the 202, for the accepted requests. */
    Latencies httpLatencies() {
        Latencies latencies = new Latencies("HTTP 202");
        for (int i = 0; i < planned; i++) {
            if (status[i] == 202) {
                latencies.add(scheduledNanos[i], doneNanos[i]);
            }
        }
        return latencies;
    }

    /** The accepted reports of some classes, for the end-to-end sample. */
    List<EndToEndSample.Accepted> accepted(Predicate<ReportClass> which) {
        List<EndToEndSample.Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < planned; i++) {
            if (status[i] == 202 && which.test(classes[i]) && reportIds[i] != null) {
                accepted.add(new EndToEndSample.Accepted(reportIds[i], classes[i]));
            }
        }
        return accepted;
    }
}
