package clinic.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latencies in milliseconds, summarised by nearest-rank percentiles. */
public final class Latencies {

    private final String what;
    private final List<Double> millis = new ArrayList<>();
    private int missing;

    public Latencies(String what) {
        this.what = what;
    }

    public void add(long fromNanos, Long toNanos) {
        if (toNanos == null) {
            missing++;
        } else {
            millis.add((toNanos - fromNanos) / 1_000_000.0);
        }
    }

    /** A latency measured some other way, e.g. between two timestamps the platform recorded. */
    public void addMillis(double value) {
        millis.add(value);
    }

    /** Something that should have happened (an alert, a notification) was not seen. */
    public void addMissing() {
        missing++;
    }

    public int count() {
        return millis.size();
    }

    public int missing() {
        return missing;
    }

    /** Nearest rank: the smallest value with at least {@code p} of all values at or below it. */
    public double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    public String summary() {
        return String.format(Locale.ROOT, "%-34s count=%d missing=%d p50=%.1f ms p95=%.1f ms max=%.1f ms", what,
                count(), missing, percentile(0.50), percentile(0.95), percentile(1.0));
    }
}
